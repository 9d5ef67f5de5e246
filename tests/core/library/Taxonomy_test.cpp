// SPDX-License-Identifier: GPL-3.0-or-later
// Taxonomy: the 20 OpenMIC-2018 classes by default with display names and distinct colours;
// add, rename, recolour, reorder, move; keys stay stable and labels follow them.
#include "core/library/ClipStore.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/Taxonomy.h"
#include "core/library/TrackStore.h"
#include "core/util/OpenMicClasses.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace timbre::library;

class TaxonomyTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void defaultsAreOpenMic();
    void addAppendsWithFreshColour();
    void addRejectsBadInput();
    void renameAndRecolourKeepKey();
    void reorderAndMove();
    void seedDefaultsOnlyOnce();

private:
    QTemporaryDir *m_dir = nullptr;
    std::unique_ptr<Library> m_lib;
};

void TaxonomyTest::init()
{
    m_dir = new QTemporaryDir;
    auto lib = Library::open(m_dir->filePath(QStringLiteral("lib")));
    QVERIFY2(lib.ok(), qPrintable(lib.error().message));
    m_lib = lib.take();
}

void TaxonomyTest::cleanup()
{
    m_lib.reset();
    delete m_dir;
}

void TaxonomyTest::defaultsAreOpenMic()
{
    auto all = m_lib->taxonomy().instruments();
    QVERIFY(all.ok());
    QCOMPARE(all->size(), 20);
    QCOMPARE(*m_lib->taxonomy().keys(), timbre::openMicClasses());
    QSet<QString> colours;
    QSet<QString> names;
    for (int i = 0; i < all->size(); ++i) {
        const Instrument &inst = all->at(i);
        QCOMPARE(inst.position, i);
        QVERIFY(Taxonomy::isValidColour(inst.colour));
        QVERIFY(!inst.displayName.isEmpty());
        colours.insert(inst.colour.toLower());
        names.insert(inst.displayName);
    }
    QCOMPARE(colours.size(), 20);
    QCOMPARE(names.size(), 20);
    QCOMPARE(all->at(9).key, QStringLiteral("mallet_percussion"));
    QCOMPARE(all->at(9).displayName, QStringLiteral("Mallet percussion"));
}

void TaxonomyTest::addAppendsWithFreshColour()
{
    auto added = m_lib->taxonomy().add(QStringLiteral("theremin"), QStringLiteral("Theremin"));
    QVERIFY2(added.ok(), qPrintable(added.error().message));
    QCOMPARE(added->position, 20);
    QVERIFY(Taxonomy::isValidColour(added->colour));
    auto all = m_lib->taxonomy().instruments();
    QCOMPARE(all->size(), 21);
    QCOMPARE(all->last().key, QStringLiteral("theremin"));
    QSet<QString> colours;
    for (const Instrument &i : *all)
        colours.insert(i.colour);
    // the palette has 20 colours, all in use: the 21st reuses one, but is still valid
    QVERIFY(colours.size() >= 20);
    auto chosen
            = m_lib->taxonomy().add(QStringLiteral("sitar"), QString(), QStringLiteral("#123ABC"));
    QVERIFY(chosen.ok());
    QCOMPARE(chosen->colour, QStringLiteral("#123abc"));
    QCOMPARE(chosen->displayName, QStringLiteral("Sitar"));
}

void TaxonomyTest::addRejectsBadInput()
{
    Taxonomy &t = m_lib->taxonomy();
    QCOMPARE(t.add(QStringLiteral("violin"), QStringLiteral("Again")).error().code,
             CatalogError::Conflict);
    QCOMPARE(t.add(QStringLiteral("Bad Key"), QStringLiteral("x")).error().code,
             CatalogError::InvalidArgument);
    QCOMPARE(t.add(QString(), QStringLiteral("x")).error().code, CatalogError::InvalidArgument);
    QCOMPARE(t.add(QStringLiteral("tabla"), QStringLiteral("Tabla"), QStringLiteral("red"))
                     .error()
                     .code,
             CatalogError::InvalidArgument);
    QCOMPARE(t.instruments()->size(), 20);
}

void TaxonomyTest::renameAndRecolourKeepKey()
{
    Taxonomy &t = m_lib->taxonomy();
    // a label on violin before the edits...
    TrackRecord track;
    track.path = QStringLiteral("/a.wav");
    const qint64 trackId = *m_lib->tracks().upsert(track);
    const qint64 clip = *m_lib->clips().ensureWholeTrackClip(trackId);
    QVERIFY(m_lib->labels()
                    .set(clip, QStringLiteral("violin"), LabelState::Present, LabelSource::User,
                         QStringLiteral("ana"))
                    .ok());

    QVERIFY(t.rename(QStringLiteral("violin"), QStringLiteral("Fiddle")).ok());
    QVERIFY(t.recolour(QStringLiteral("violin"), QStringLiteral("#ABCDEF")).ok());
    auto v = t.find(QStringLiteral("violin"));
    QVERIFY(v.ok() && v->has_value());
    QCOMPARE((*v)->displayName, QStringLiteral("Fiddle"));
    QCOMPARE((*v)->colour, QStringLiteral("#abcdef"));
    QCOMPARE((*v)->key, QStringLiteral("violin"));
    // ...is still there under the same key
    QCOMPARE(*m_lib->labels().state(clip, QStringLiteral("violin")), LabelState::Present);

    QCOMPARE(t.rename(QStringLiteral("kazoo"), QStringLiteral("K")).code, CatalogError::NotFound);
    QCOMPARE(t.rename(QStringLiteral("violin"), QStringLiteral("  ")).code,
             CatalogError::InvalidArgument);
    QCOMPARE(t.recolour(QStringLiteral("violin"), QStringLiteral("#12345")).code,
             CatalogError::InvalidArgument);
    QCOMPARE(t.recolour(QStringLiteral("kazoo"), QStringLiteral("#123456")).code,
             CatalogError::NotFound);
}

void TaxonomyTest::reorderAndMove()
{
    Taxonomy &t = m_lib->taxonomy();
    QStringList reversed = timbre::openMicClasses();
    std::reverse(reversed.begin(), reversed.end());
    QVERIFY(t.reorder(reversed).ok());
    QCOMPARE(*t.keys(), reversed);

    QStringList missingOne = reversed.mid(1);
    QCOMPARE(t.reorder(missingOne).code, CatalogError::InvalidArgument);
    QStringList duplicated = reversed;
    duplicated[0] = duplicated[1];
    QCOMPARE(t.reorder(duplicated).code, CatalogError::InvalidArgument);
    QCOMPARE(*t.keys(), reversed); // unchanged by the refused calls

    QVERIFY(t.move(QStringLiteral("accordion"), 0).ok());
    QStringList expected = reversed;
    expected.removeAll(QStringLiteral("accordion"));
    expected.prepend(QStringLiteral("accordion"));
    QCOMPARE(*t.keys(), expected);
    QVERIFY(t.move(QStringLiteral("voice"), 1000).ok()); // clamped to the end
    QCOMPARE(t.keys()->last(), QStringLiteral("voice"));
    auto all = t.instruments();
    for (int i = 0; i < all->size(); ++i)
        QCOMPARE(all->at(i).position, i);
    QCOMPARE(t.move(QStringLiteral("kazoo"), 0).code, CatalogError::NotFound);
}

void TaxonomyTest::seedDefaultsOnlyOnce()
{
    QVERIFY(m_lib->taxonomy().rename(QStringLiteral("drums"), QStringLiteral("Kit")).ok());
    QVERIFY(m_lib->taxonomy().seedDefaults().ok());
    QCOMPARE(m_lib->taxonomy().instruments()->size(), 20);
    m_lib.reset();
    auto again = Library::open(m_dir->filePath(QStringLiteral("lib")));
    QVERIFY(again.ok());
    QCOMPARE((*again)->taxonomy().instruments()->size(), 20);
    QCOMPARE((*(*again)->taxonomy().find(QStringLiteral("drums")))->displayName,
             QStringLiteral("Kit"));
}

QTEST_GUILESS_MAIN(TaxonomyTest)
#include "Taxonomy_test.moc"
