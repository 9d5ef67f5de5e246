// SPDX-License-Identifier: GPL-3.0-or-later
// Mean Teacher's EMA step (Eq. 5.2), batch-norm buffers included.
#include "models/networks/AttentionMil.h"
#include "models/training/MeanTeacher.h"

#include <QtTest>

using namespace timbre::models;

class MeanTeacherTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneEmaStepMatchesTheFormula()
    {
        torch::manual_seed(3);
        AttentionMil student(AttentionMilOptions(8, 3).hidden(16));
        AttentionMil teacher(AttentionMilOptions(8, 3).hidden(16));
        // Give the student non-trivial batch-norm statistics.
        BagBatch batch;
        batch.features = torch::randn({4, 5, 8}) * 3.0 + 1.0;
        batch.lengths.assign(4, 5);
        student->train();
        student->forward(batch);

        std::vector<torch::Tensor> t0, s0;
        for (auto &p : teacher->parameters())
            t0.push_back(p.detach().clone());
        for (auto &p : student->parameters())
            s0.push_back(p.detach().clone());
        std::vector<torch::Tensor> tb0, sb0;
        for (auto &b : teacher->buffers())
            tb0.push_back(b.clone());
        for (auto &b : student->buffers())
            sb0.push_back(b.clone());

        const double alpha = 0.75;
        emaUpdate(*teacher, *student, alpha);
        const auto tp = teacher->parameters();
        for (size_t i = 0; i < tp.size(); ++i)
            QVERIFY(torch::allclose(tp[i], alpha * t0[i] + (1 - alpha) * s0[i], 1e-6, 1e-7));
        const auto tb = teacher->buffers();
        int averaged = 0;
        for (size_t i = 0; i < tb.size(); ++i) {
            if (tb[i].is_floating_point()) {
                QVERIFY(torch::allclose(tb[i], alpha * tb0[i] + (1 - alpha) * sb0[i], 1e-6, 1e-7));
                ++averaged;
            } else {
                QVERIFY(torch::equal(tb[i], sb0[i])); // batch counters are copied
            }
        }
        QCOMPARE(averaged, 8); // running mean and variance of 4 batch norms
        // The student is untouched.
        const auto sp = student->parameters();
        for (size_t i = 0; i < sp.size(); ++i)
            QVERIFY(torch::equal(sp[i], s0[i]));
    }

    void firstStepCopiesTheStudent()
    {
        AttentionMil student(AttentionMilOptions(8, 3).hidden(16));
        AttentionMil teacher(AttentionMilOptions(8, 3).hidden(16));
        emaUpdate(*teacher, *student, 0.0); // emaDecayAt(0, alpha) == 0
        const auto tp = teacher->parameters();
        const auto sp = student->parameters();
        for (size_t i = 0; i < tp.size(); ++i)
            QVERIFY(torch::equal(tp[i], sp[i]));
    }
};

QTEST_GUILESS_MAIN(MeanTeacherTest)
#include "MeanTeacher_test.moc"
