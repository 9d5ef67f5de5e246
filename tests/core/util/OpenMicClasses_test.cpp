// SPDX-License-Identifier: GPL-3.0-or-later
// The PyTorch twins (scripts/bench/twin_pytorch.py, which cnn_twin_pytorch.py imports it from)
// cannot call openMicClasses(), so they hold the class order as a list of their own; a twin
// with another order would compare column c of the C++ scores with another instrument's
// column. Here that list must equal the C++ one, name for name and in order.
#include "core/util/OpenMicClasses.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

class OpenMicClassesTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void twinHoldsTheSameOrder()
    {
        QFile file(QStringLiteral(TIMBRE_SOURCE_DIR "/scripts/bench/twin_pytorch.py"));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QString text = QString::fromUtf8(file.readAll());
        const QRegularExpressionMatch list
                = QRegularExpression(QStringLiteral(R"(OPENMIC_CLASSES = \[([^\]]*)\])"))
                          .match(text);
        QVERIFY2(list.hasMatch(), "no OPENMIC_CLASSES = [...] in twin_pytorch.py");
        QStringList names;
        auto it = QRegularExpression(QStringLiteral(R"re("([a-z_]+)")re"))
                          .globalMatch(list.captured(1));
        while (it.hasNext())
            names << it.next().captured(1);
        QCOMPARE(names, timbre::openMicClasses());
    }

    void cnnTwinTakesItsListFromThere()
    {
        QFile file(QStringLiteral(TIMBRE_SOURCE_DIR "/scripts/bench/cnn_twin_pytorch.py"));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.contains(QStringLiteral("from twin_pytorch import OPENMIC_CLASSES")));
        QVERIFY(!text.contains(QStringLiteral("'accordion'")));
    }
};

QTEST_GUILESS_MAIN(OpenMicClassesTest)
#include "OpenMicClasses_test.moc"
