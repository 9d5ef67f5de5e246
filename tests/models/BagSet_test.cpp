// SPDX-License-Identifier: GPL-3.0-or-later
// BagSet: consistency checks, subsets and appending bags.
#include "models/api/BagSet.h"

#include <QtTest>

using namespace timbre::models;

namespace {

BagSet threeBags()
{
    BagSet s;
    s.featureDim = 2;
    s.numClasses = 2;
    const float a[] = {1, 2, 3, 4};
    const float b[] = {5, 6};
    const float c[] = {7, 8, 9, 10, 11, 12};
    const float ya[] = {1, 0}, yb[] = {0, 1}, yc[] = {1, 1};
    const uint8_t oa[] = {1, 1}, ob[] = {0, 1}, oc[] = {1, 0};
    s.appendBag(a, 2, ya, oa, "a");
    s.appendBag(b, 1, yb, ob, "b");
    s.appendBag(c, 3, yc, oc, "c");
    return s;
}

} // namespace

class BagSetTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendAndValidate()
    {
        const BagSet s = threeBags();
        QCOMPARE(s.numBags(), 3);
        QCOMPARE(s.numInstances(), int64_t(6));
        QCOMPARE(s.bagSize(2), 3);
        QCOMPARE(s.bagOffsets, (std::vector<int64_t>{0, 2, 3, 6}));
        QCOMPARE(s.validate(), std::string());
    }

    void subsetKeepsOrderAndLabels()
    {
        const BagSet sub = threeBags().subset({2, 0});
        QCOMPARE(sub.validate(), std::string());
        QCOMPARE(sub.bagOffsets, (std::vector<int64_t>{0, 3, 5}));
        QCOMPARE(sub.features, (std::vector<float>{7, 8, 9, 10, 11, 12, 1, 2, 3, 4}));
        QCOMPARE(sub.labels, (std::vector<float>{1, 1, 1, 0}));
        QCOMPARE(sub.observed, (std::vector<uint8_t>{1, 0, 1, 1}));
        QCOMPARE(sub.keys, (std::vector<std::string>{"c", "a"}));
    }

    void validateNamesTheProblem()
    {
        BagSet s = threeBags();
        s.features.pop_back();
        QVERIFY(s.validate().find("features") != std::string::npos);
        s = threeBags();
        s.bagOffsets[2] = 2;
        QVERIFY(s.validate().find("no instances") != std::string::npos);
        s = threeBags();
        s.observed.push_back(1);
        QVERIFY(s.validate().find("observed") != std::string::npos);
        s = threeBags();
        s.classNames = {"only one"};
        QVERIFY(s.validate().find("classNames") != std::string::npos);
        QVERIFY(!BagSet().validate().empty());
    }
};

QTEST_GUILESS_MAIN(BagSetTest)
#include "BagSet_test.moc"
