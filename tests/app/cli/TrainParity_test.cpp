// SPDX-License-Identifier: GPL-3.0-or-later
// A short `timbre train` on a small planted OpenMIC-layout set reaches the training loss and
// test AUROC that the PyTorch twin (scripts/bench/twin_pytorch.py: the same network written the
// way a PyTorch user would, PyTorch's default initialisation) reaches in the same number of
// epochs (docs/RESULTS.md, "Parity with PyTorch"). The twin's figures are written below with
// the commands that produced them. With the old initialisation (`--set legacy_init=1`) the att,
// fc and mt rows fail (measured at seed 1: ATT 0.556 / 0.389 against 0.473 / 0.349, FC 0.493
// against 0.468 in epochs 1-5, MT 0.483 / 0.375 against 0.431 / 0.330); FC_T's old start
// differs within this small set's seed noise (tests/models/TrainingParity_test.cpp checks its
// initialisation directly).
#include "support/CliRunner.h"
#include "support/JsonFile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

using timbre::testing::CliRun;
using timbre::testing::runCli;

namespace {

// The data set, made by the test exactly as for the twin:
//   timbre plant --out DIR --bags 2000 --observed 0.3 --signal 3 --seed 5
const QStringList kPlant
        = {QStringLiteral("--bags"), QStringLiteral("2000"),     QStringLiteral("--observed"),
           QStringLiteral("0.3"),    QStringLiteral("--signal"), QStringLiteral("3"),
           QStringLiteral("--seed"), QStringLiteral("5")};
constexpr int kEpochs = 40;
constexpr int kEarlyEpochs = 5;

// The twin, three seeds (1, 2, 3), one thread, for each KIND (mt adds --ramp-epochs 5; the
// rest at the defaults, which are the C++ trainer's; fct-plain is FC_T's earlier embedding,
// `--model fct --set fct_embedding=0` on the C++ side):
//   python3 scripts/bench/twin_pytorch.py --data DIR --model KIND --epochs 40 --seed S
//       --threads 1 --out R.json
// Mean and standard deviation over the seeds of: the train BCE averaged over epochs 1-5 (where
// FC_T and FC with the old initialisation lag most), the train BCE of epoch 40 (where ATT and
// MT do), and the test AUROC after epoch 40 (percent).
struct TwinFigures
{
    const char *kind;
    double earlyMean, earlySd;
    double bceMean, bceSd;
    double aurocMean, aurocSd;
};

const TwinFigures kTwin[] = {
        {"att", 0.4733, 0.0036, 0.3491, 0.0040, 62.47, 2.35},
        // FC_T as Sec. 3.3.1 describes it, ATT's embedding with mean pooling (issue 23).
        {"fct", 0.4711, 0.0035, 0.3277, 0.0029, 65.87, 1.77},
        {"fct-plain", 0.4476, 0.0117, 0.3899, 0.0039, 51.09, 1.38},
        {"fc", 0.4675, 0.0036, 0.3996, 0.0058, 53.14, 0.63},
        {"mt", 0.4305, 0.0027, 0.3297, 0.0066, 62.60, 2.91},
};

} // namespace

class TrainParityTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_data;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_data = m_dir.filePath(QStringLiteral("planted"));
        const CliRun plant = runCli(
                QStringList {QStringLiteral("plant"), QStringLiteral("--out"), m_data} + kPlant);
        QVERIFY2(plant.exitCode == 0, qPrintable(plant.err));
    }

    void learnsAsThePyTorchTwin_data()
    {
        QTest::addColumn<int>("row");
        for (int i = 0; i < int(std::size(kTwin)); ++i)
            QTest::newRow(kTwin[i].kind) << i;
    }

    void learnsAsThePyTorchTwin()
    {
        QFETCH(int, row);
        const TwinFigures &twin = kTwin[row];
        const QString kind = QString::fromLatin1(twin.kind);
        const bool plain = kind == QLatin1String("fct-plain");
        const QString report = m_dir.filePath(kind + QStringLiteral(".json"));
        QStringList args = {QStringLiteral("train"),
                            QStringLiteral("--model"),
                            plain ? QStringLiteral("fct") : kind,
                            QStringLiteral("--data"),
                            m_data,
                            QStringLiteral("--out"),
                            m_dir.filePath(kind + QStringLiteral(".ckpt")),
                            QStringLiteral("--epochs"),
                            QString::number(kEpochs),
                            QStringLiteral("--seed"),
                            QStringLiteral("1"),
                            QStringLiteral("--threads"),
                            QStringLiteral("1"),
                            QStringLiteral("--validation-fraction"),
                            QStringLiteral("0"),
                            QStringLiteral("--report"),
                            report,
                            QStringLiteral("--quiet")};
        if (kind == QLatin1String("mt"))
            args << QStringLiteral("--ramp-epochs") << QStringLiteral("5");
        if (plain)
            args << QStringLiteral("--set") << QStringLiteral("fct_embedding=0");
        const CliRun run = runCli(args);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
        QVERIFY2(run.out.contains(QStringLiteral("no validation set")), qPrintable(run.out));

        const QJsonObject r = timbre::testing::readJsonObject(report);
        const QJsonArray epochs = r.value(QStringLiteral("epochs")).toArray();
        QCOMPARE(epochs.size(), kEpochs);
        auto bceOf = [&](int i) {
            return epochs.at(i)
                    .toObject()
                    .value(QStringLiteral("train"))
                    .toObject()
                    .value(QStringLiteral("bce"))
                    .toDouble();
        };
        double early = 0.0;
        for (int i = 0; i < kEarlyEpochs; ++i)
            early += bceOf(i) / kEarlyEpochs;
        const double bce = bceOf(kEpochs - 1);
        const double auroc = 100.0
                * r.value(QStringLiteral("metrics"))
                          .toObject()
                          .value(QStringLiteral("test"))
                          .toObject()
                          .value(QStringLiteral("overall"))
                          .toObject()
                          .value(QStringLiteral("auroc"))
                          .toDouble();
        // Within the twin's seed noise (3 sd), with floors for a one-seed comparison.
        const double earlySlack = std::max(3.0 * twin.earlySd, 0.005);
        const double bceSlack = std::max(3.0 * twin.bceSd, 0.005);
        const double aurocSlack = std::max(3.0 * twin.aurocSd, 2.0);
        const QString where = QStringLiteral("%1: C++ BCE epochs 1-5 %2, epoch 40 %3, AUROC %4; "
                                             "twin %5 +- %6, %7 +- %8, %9 +- %10")
                                      .arg(kind)
                                      .arg(early, 0, 'f', 4)
                                      .arg(bce, 0, 'f', 4)
                                      .arg(auroc, 0, 'f', 2)
                                      .arg(twin.earlyMean, 0, 'f', 4)
                                      .arg(twin.earlySd, 0, 'f', 4)
                                      .arg(twin.bceMean, 0, 'f', 4)
                                      .arg(twin.bceSd, 0, 'f', 4)
                                      .arg(twin.aurocMean, 0, 'f', 2)
                                      .arg(twin.aurocSd, 0, 'f', 2);
        qInfo().noquote() << where;
        QVERIFY2(std::abs(early - twin.earlyMean) <= earlySlack, qPrintable(where));
        QVERIFY2(std::abs(bce - twin.bceMean) <= bceSlack, qPrintable(where));
        QVERIFY2(auroc >= twin.aurocMean - aurocSlack, qPrintable(where));
    }
};

QTEST_GUILESS_MAIN(TrainParityTest)
#include "TrainParity_test.moc"
