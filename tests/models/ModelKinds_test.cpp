// SPDX-License-Identifier: GPL-3.0-or-later
// models/api/ModelKinds: the one list of model kinds the trainer dispatch, TrainJob, the CLI
// and the retrain dialog read.
#include "models/api/ModelKinds.h"

#include <QtTest>

#include <set>
#include <string>

using namespace timbre::models;

class ModelKindsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyKindOnceMeanTeacherFirst()
    {
        std::set<std::string> keys;
        for (const ModelKind &k : modelKinds()) {
            QVERIFY2(keys.insert(k.key).second, k.key);
            QCOMPARE(findModelKind(k.key), &k);
        }
        QCOMPARE(std::string(modelKinds().front().key), std::string("mt"));
        QCOMPARE(bagKindKeys(),
                 (std::vector<std::string> {"mt", "att", "fct", "fc", "rnn", "dgm", "rf"}));
        QVERIFY(findModelKind("vggish") == nullptr);
        QVERIFY(findModelKind("") == nullptr);
    }

    void propertiesAsTheTrainersUseThem()
    {
        std::set<std::string> semi, teacher, fittedOnce, strong;
        for (const ModelKind &k : modelKinds()) {
            if (k.semiSupervised)
                semi.insert(k.key);
            if (k.teacher)
                teacher.insert(k.key);
            if (!k.iterative)
                fittedOnce.insert(k.key);
            if (!k.bag) {
                strong.insert(k.key);
                QCOMPARE(int(k.family), int(KindFamily::StrongNetwork));
            }
        }
        QCOMPARE(semi, (std::set<std::string> {"mt", "dgm"}));
        QCOMPARE(teacher, (std::set<std::string> {"mt"}));
        QCOMPARE(fittedOnce, (std::set<std::string> {"rf"}));
        QCOMPARE(strong, (std::set<std::string> {"cnn", "crnn", "mlp"}));
        QCOMPARE(int(findModelKind("dgm")->family), int(KindFamily::Generative));
        QCOMPARE(int(findModelKind("rf")->family), int(KindFamily::Forest));
    }

    void warmStartNeedsTheSameNetwork()
    {
        QVERIFY(warmStartFits("mt", "mt"));
        QVERIFY(warmStartFits("att", "mt")); // Mean Teacher's student is an ATT network
        QVERIFY(warmStartFits("mt", "att"));
        QVERIFY(warmStartFits("rf", "rf"));
        QVERIFY(!warmStartFits("att", "fct"));
        QVERIFY(!warmStartFits("dgm", "mt"));
        QVERIFY(!warmStartFits("mt", "unknown"));
    }
};

QTEST_MAIN(ModelKindsTest)
#include "ModelKinds_test.moc"
