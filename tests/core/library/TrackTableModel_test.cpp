// SPDX-License-Identifier: GPL-3.0-or-later
// TrackTableModel: loading from a catalog (tags, labels, one model's scores), columns per
// selected instrument, filter expressions, sorting by tags and by score (missing scores last),
// uncertainty order, persistent indexes surviving a sort, label updates in place.
#include "core/library/ClipStore.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "core/library/PredictionStore.h"
#include "core/library/TrackStore.h"
#include "core/library/TrackTableModel.h"

#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace timbre::library;

class TrackTableModelTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void loadsTagsLabelsAndScores();
    void filters();
    void badFilterKeepsCurrent();
    void sortsByTagsAndScore();
    void sortsByUncertainty();
    void sortKeepsPersistentIndexes();
    void updateLabelInPlace();

private:
    QString titles(const TrackTableModel &m) const;
    QTemporaryDir m_dir;
    std::unique_ptr<Library> m_lib;
    QList<qint64> m_clips;
    qint64 m_model = 0;
};

// Five tracks: title / artist / year / duration; violin and piano scores of one model.
//   A  "Bach"    1720  120  violin 0.30  piano 0.90   labels: violin ✓
//   B  "Adams"   1985  300  violin 0.95  piano  -
//   C  "Chopin"  1830   60  violin 0.52  piano 0.10   labels: piano ✗
//   D  "Bach"    1740  200  violin  -    piano 0.45
//   E  "Elgar"   1900  240  violin 0.70  piano 0.60
void TrackTableModelTest::initTestCase()
{
    auto lib = Library::open(m_dir.filePath(QStringLiteral("lib")));
    QVERIFY(lib.ok());
    m_lib = lib.take();
    struct T
    {
        const char *title, *artist;
        int year;
        double duration;
        float violin, piano;
    };
    const float none = -1;
    const T tracks[] = {{"A", "Bach", 1720, 120, 0.30f, 0.90f},
                        {"B", "Adams", 1985, 300, 0.95f, none},
                        {"C", "Chopin", 1830, 60, 0.52f, 0.10f},
                        {"D", "Bach", 1740, 200, none, 0.45f},
                        {"E", "Elgar", 1900, 240, 0.70f, 0.60f}};
    ModelRecord model;
    model.name = QStringLiteral("att-1");
    model.kind = QStringLiteral("att");
    m_model = *m_lib->models().add(model);
    QList<PredictionScore> scores;
    for (const T &t : tracks) {
        TrackRecord r;
        r.title = QString::fromLatin1(t.title);
        r.artist = QString::fromLatin1(t.artist);
        r.path = QStringLiteral("/m/%1.flac").arg(r.title);
        r.year = t.year;
        r.durationS = t.duration;
        r.genre = QStringLiteral("classical");
        const qint64 id = *m_lib->tracks().upsert(r);
        const qint64 clip = *m_lib->clips().ensureWholeTrackClip(id);
        m_clips << clip;
        if (t.violin >= 0)
            scores << PredictionScore {clip, QStringLiteral("violin"), t.violin};
        if (t.piano >= 0)
            scores << PredictionScore {clip, QStringLiteral("piano"), t.piano};
    }
    QVERIFY(m_lib->predictions().write(m_model, scores).ok());
    // a second model's scores must not leak into the table
    ModelRecord other = model;
    other.name = QStringLiteral("att-2");
    const qint64 otherModel = *m_lib->models().add(other);
    QVERIFY(m_lib->predictions()
                    .write(otherModel, {{m_clips[3], QStringLiteral("violin"), 0.99f}})
                    .ok());
    QVERIFY(m_lib->labels()
                    .set(m_clips[0], QStringLiteral("violin"), LabelState::Present,
                         LabelSource::User, QStringLiteral("ana"))
                    .ok());
    QVERIFY(m_lib->labels()
                    .set(m_clips[2], QStringLiteral("piano"), LabelState::Absent, LabelSource::User,
                         QStringLiteral("ana"))
                    .ok());
}

void TrackTableModelTest::cleanupTestCase()
{
    m_lib.reset();
}

QString TrackTableModelTest::titles(const TrackTableModel &m) const
{
    QString s;
    for (int r = 0; r < m.rowCount(); ++r)
        s += m.data(m.index(r, TrackTableModel::TitleColumn)).toString();
    return s;
}

void TrackTableModelTest::loadsTagsLabelsAndScores()
{
    TrackTableModel m;
    QVERIFY(m.load(*m_lib, m_model).ok());
    m.setInstrumentColumns(
            {QStringLiteral("violin"), QStringLiteral("nonexistent"), QStringLiteral("piano")});
    QCOMPARE(m.instrumentColumns(),
             (QStringList {QStringLiteral("violin"), QStringLiteral("piano")}));
    QCOMPARE(m.rowCount(), 5);
    QCOMPARE(m.totalRowCount(), 5);
    QCOMPARE(m.columnCount(), TrackTableModel::FixedColumnCount + 2);
    const int violin = m.columnOfInstrument(QStringLiteral("violin"));
    const int piano = m.columnOfInstrument(QStringLiteral("piano"));
    QCOMPARE(violin, int(TrackTableModel::FixedColumnCount));
    QCOMPARE(m.headerData(violin, Qt::Horizontal).toString(), QStringLiteral("Violin"));
    QCOMPARE(m.headerData(piano, Qt::Horizontal, TrackTableModel::InstrumentKeyRole).toString(),
             QStringLiteral("piano"));
    QCOMPARE(titles(m), QStringLiteral("ABCDE"));
    QCOMPARE(m.data(m.index(0, TrackTableModel::ArtistColumn)).toString(), QStringLiteral("Bach"));
    QCOMPARE(m.data(m.index(0, TrackTableModel::YearColumn)).toString(), QStringLiteral("1720"));
    QCOMPARE(m.data(m.index(1, TrackTableModel::DurationColumn)).toString(),
             QStringLiteral("5:00"));
    QCOMPARE(m.data(m.index(0, violin), TrackTableModel::ScoreRole).toFloat(), 0.30f);
    QCOMPARE(m.data(m.index(0, violin), TrackTableModel::LabelStateRole).toInt(),
             int(LabelState::Present));
    QCOMPARE(m.data(m.index(0, violin)).toString(), QStringLiteral("0.30 \u2713"));
    QCOMPARE(m.data(m.index(2, piano)).toString(), QStringLiteral("0.10 \u2717"));
    QVERIFY(!m.data(m.index(3, violin), TrackTableModel::ScoreRole)
                     .isValid()); // att-2's 0.99 not loaded
    QCOMPARE(m.data(m.index(3, violin)).toString(), QStringLiteral("\u2013 ?"));
    QCOMPARE(m.data(m.index(4, violin), TrackTableModel::InstrumentColourRole).toString().size(),
             7);
    QCOMPARE(m.data(m.index(2, 0), TrackTableModel::ClipIdRole).toLongLong(), m_clips[2]);

    TrackTableModel noModel;
    QVERIFY(noModel.load(*m_lib).ok());
    noModel.setInstrumentColumns({QStringLiteral("violin")});
    QVERIFY(!noModel.data(noModel.index(0, TrackTableModel::FixedColumnCount),
                          TrackTableModel::ScoreRole)
                     .isValid());
    QCOMPARE(noModel.data(noModel.index(0, TrackTableModel::FixedColumnCount),
                          TrackTableModel::LabelStateRole)
                     .toInt(),
             int(LabelState::Present));
}

void TrackTableModelTest::filters()
{
    TrackTableModel m;
    QVERIFY(m.load(*m_lib, m_model).ok());
    QSignalSpy spy(&m, &TrackTableModel::filterChanged);
    QVERIFY(m.setFilterText(QStringLiteral("violin > 0.5 and unlabelled")).ok());
    QCOMPARE(titles(m), QStringLiteral("BCE"));
    QCOMPARE(spy.count(), 1);
    QVERIFY(m.setFilterText(QStringLiteral("artist:bach")).ok());
    QCOMPARE(titles(m), QStringLiteral("AD"));
    QVERIFY(m.setFilterText(QStringLiteral("piano absent or year > 1950")).ok());
    QCOMPARE(titles(m), QStringLiteral("BC"));
    QCOMPARE(m.totalRowCount(), 5);
    QCOMPARE(m.viewRowOfTrack(m.trackIdAt(1)), 1);
    m.clearFilter();
    QCOMPARE(m.rowCount(), 5);
}

void TrackTableModelTest::badFilterKeepsCurrent()
{
    TrackTableModel m;
    QVERIFY(m.load(*m_lib, m_model).ok());
    QVERIFY(m.setFilterText(QStringLiteral("bach")).ok());
    const CatalogError e = m.setFilterText(QStringLiteral("violn > 0.5"));
    QCOMPARE(e.code, CatalogError::ParseError);
    QCOMPARE(m.filterText(), QStringLiteral("bach"));
    QCOMPARE(titles(m), QStringLiteral("AD"));
}

void TrackTableModelTest::sortsByTagsAndScore()
{
    TrackTableModel m;
    QVERIFY(m.load(*m_lib, m_model).ok());
    m.setInstrumentColumns({QStringLiteral("violin"), QStringLiteral("piano")});
    const int violin = m.columnOfInstrument(QStringLiteral("violin"));
    const int piano = m.columnOfInstrument(QStringLiteral("piano"));

    m.sort(violin, Qt::DescendingOrder);
    QCOMPARE(titles(m), QStringLiteral("BECAD")); // D has no violin score: last
    m.sort(violin, Qt::AscendingOrder);
    QCOMPARE(titles(m), QStringLiteral("ACEBD")); // still last
    m.sort(piano, Qt::DescendingOrder);
    QCOMPARE(titles(m), QStringLiteral("AEDCB"));
    m.sort(TrackTableModel::ArtistColumn, Qt::AscendingOrder);
    QCOMPARE(titles(m),
             QStringLiteral("BADCE")); // Adams, Bach(A), Bach(D): ties keep catalog order
    m.sort(TrackTableModel::ArtistColumn, Qt::DescendingOrder);
    QCOMPARE(titles(m), QStringLiteral("ECADB"));
    m.sort(TrackTableModel::YearColumn, Qt::AscendingOrder);
    QCOMPARE(titles(m), QStringLiteral("ADCEB"));
    m.sort(TrackTableModel::DurationColumn, Qt::DescendingOrder);
    QCOMPARE(titles(m), QStringLiteral("BEDAC"));
    QCOMPARE(m.sortColumn(), int(TrackTableModel::DurationColumn));

    // sorting survives a filter change
    m.sort(violin, Qt::DescendingOrder);
    QVERIFY(m.setFilterText(QStringLiteral("year < 1950")).ok());
    QCOMPARE(titles(m), QStringLiteral("ECAD"));
    m.sort(-1);
    QCOMPARE(titles(m), QStringLiteral("ACDE"));
}

void TrackTableModelTest::sortsByUncertainty()
{
    TrackTableModel m;
    QVERIFY(m.load(*m_lib, m_model).ok());
    m.sortByUncertainty(QStringLiteral("violin"));
    // |s - 0.5|: C 0.02, E 0.20, A 0.20, B 0.45, D none -> C, A, E (tie: catalog order), B, D
    QCOMPARE(titles(m), QStringLiteral("CAEBD"));
    m.sortByUncertainty(QStringLiteral("piano"));
    // A 0.40, B none, C 0.40, D 0.05, E 0.10
    QCOMPARE(titles(m), QStringLiteral("DEACB"));
}

void TrackTableModelTest::sortKeepsPersistentIndexes()
{
    TrackTableModel m;
    QVERIFY(m.load(*m_lib, m_model).ok());
    const QPersistentModelIndex selected(m.index(2, TrackTableModel::ArtistColumn)); // C
    QCOMPARE(selected.data().toString(), QStringLiteral("Chopin"));
    m.sort(TrackTableModel::YearColumn, Qt::DescendingOrder);
    QCOMPARE(titles(m), QStringLiteral("BECDA"));
    QVERIFY(selected.isValid());
    QCOMPARE(selected.row(), 2);
    QCOMPARE(selected.data().toString(), QStringLiteral("Chopin"));
    m.sort(TrackTableModel::DurationColumn, Qt::AscendingOrder);
    QCOMPARE(selected.row(), 0);
    QCOMPARE(selected.data().toString(), QStringLiteral("Chopin"));
}

void TrackTableModelTest::updateLabelInPlace()
{
    TrackTableModel m;
    QVERIFY(m.load(*m_lib, m_model).ok());
    m.setInstrumentColumns({QStringLiteral("violin")});
    QVERIFY(m.setFilterText(QStringLiteral("violin unlabelled")).ok());
    QCOMPARE(titles(m), QStringLiteral("BCDE"));
    QSignalSpy spy(&m, &QAbstractItemModel::dataChanged);
    m.updateLabel(m_clips[1], QStringLiteral("violin"), LabelState::Present);
    QCOMPARE(spy.count(), 1);
    const QModelIndex changed = spy.at(0).at(0).toModelIndex();
    QCOMPARE(changed.row(), 0);
    QCOMPARE(changed.column(), int(TrackTableModel::FixedColumnCount));
    QCOMPARE(changed.data(TrackTableModel::LabelStateRole).toInt(), int(LabelState::Present));
    QCOMPARE(titles(m), QStringLiteral("BCDE")); // not re-filtered under the user
    QVERIFY(m.setFilterText(QStringLiteral("violin unlabelled")).ok());
    QCOMPARE(titles(m), QStringLiteral("CDE"));
}

QTEST_GUILESS_MAIN(TrackTableModelTest)
#include "TrackTableModel_test.moc"
