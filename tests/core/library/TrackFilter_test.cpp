// SPDX-License-Identifier: GPL-3.0-or-later
// TrackFilter: parsing (precedence, implicit and, quoting, errors with positions) and
// evaluation against a small hand-made TrackTable whose expected matches are listed per case.
#include "core/library/TrackFilter.h"
#include "core/library/TrackTable.h"

#include <QTest>

using namespace timbre::library;

namespace {

// Rows (index: title / artist / genre / year / duration; violin score+label; piano score+label)
//  0 "Spring"       Vivaldi     classical 1725 200  v 0.90 ?   p  -   ?
//  1 "So What"      Miles Davis jazz      1959 545  v 0.10 ✗   p 0.80 ✓
//  2 "Clair"        Debussy     classical 1905 300  v 0.75 ✓   p 0.95 ✓
//  3 "Hoedown"      Copland     folk      1942 220  v 0.65 ?   p 0.20 ?
//  4 "Unknown Song" ""          ""        0    0    v  -   ?   p  -   ?
TrackTable makeTable()
{
    TrackTable t;
    t.setInstruments({QStringLiteral("violin"), QStringLiteral("piano"),
                      QStringLiteral("mallet_percussion")});
    struct R
    {
        const char *title, *artist, *genre;
        int year;
        float duration;
        float violin;
        LabelState vl;
        float piano;
        LabelState pl;
    };
    const float none = std::numeric_limits<float>::quiet_NaN();
    const R rows[] = {
            {"Spring", "Vivaldi", "classical", 1725, 200, 0.90f, LabelState::Unknown, none,
             LabelState::Unknown},
            {"So What", "Miles Davis", "jazz", 1959, 545, 0.10f, LabelState::Absent, 0.80f,
             LabelState::Present},
            {"Clair", "Debussy", "classical", 1905, 300, 0.75f, LabelState::Present, 0.95f,
             LabelState::Present},
            {"Hoedown", "Copland", "folk", 1942, 220, 0.65f, LabelState::Unknown, 0.20f,
             LabelState::Unknown},
            {"Unknown Song", "", "", 0, 0, none, LabelState::Unknown, none, LabelState::Unknown},
    };
    int i = 0;
    for (const R &r : rows) {
        TrackTable::Row row;
        row.trackId = 100 + i;
        row.clipId = 200 + i;
        row.title = QString::fromUtf8(r.title);
        row.artist = QString::fromUtf8(r.artist);
        row.genre = QString::fromUtf8(r.genre);
        row.path = QStringLiteral("/music/%1.flac").arg(i);
        row.year = r.year;
        row.durationS = r.duration;
        const int idx = t.addRow(row);
        if (!std::isnan(r.violin))
            t.setScore(idx, 0, r.violin);
        if (!std::isnan(r.piano))
            t.setScore(idx, 1, r.piano);
        t.setLabel(idx, 0, r.vl);
        t.setLabel(idx, 1, r.pl);
        ++i;
    }
    return t;
}

QString matchString(const TrackTable &t, const TrackFilter &f)
{
    QString s;
    for (int r = 0; r < t.rowCount(); ++r) {
        if (f.matches(t, r))
            s += QString::number(r);
    }
    return s;
}

} // namespace

class TrackFilterTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void evaluates_data();
    void evaluates();
    void errors_data();
    void errors();
    void mentionsInstruments();
    void doubledQuotes();
};

void TrackFilterTest::evaluates_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("matches"); // row indices that match

    QTest::newRow("empty") << ""
                           << "01234";
    QTest::newRow("whitespace") << "   "
                                << "01234";
    QTest::newRow("score >") << "violin > 0.7"
                             << "02";
    QTest::newRow("score >=") << "violin >= 0.75"
                              << "02";
    QTest::newRow("score <") << "violin < 0.7"
                             << "13"; // row 4 has no score: never matches
    QTest::newRow("score !=") << "violin != 0.9"
                              << "123";
    QTest::newRow("case-insensitive key") << "VIOLIN > 0.7"
                                          << "02";
    QTest::newRow("brief example") << "violin > 0.7 and unlabelled"
                                   << "0";
    QTest::newRow("bare state binds left") << "piano > 0.5 and labelled"
                                           << "12";
    QTest::newRow("bare state binds right") << "unlabelled and violin > 0.5"
                                            << "03";
    QTest::newRow("bare state, no instrument: none labelled") << "unlabelled"
                                                              << "034";
    QTest::newRow("bare labelled, any instrument") << "labelled"
                                                   << "12";
    QTest::newRow("bare present, any") << "present"
                                       << "12";
    QTest::newRow("bare absent, any") << "absent"
                                      << "1";
    QTest::newRow("explicit state") << "violin present"
                                    << "2";
    QTest::newRow("is state") << "piano is unlabelled"
                              << "034";
    QTest::newRow("colon state") << "violin:absent"
                                 << "1";
    QTest::newRow("unlabeled spelling") << "violin unlabeled"
                                        << "034";
    QTest::newRow("or") << "violin > 0.85 or piano > 0.9"
                        << "02";
    QTest::newRow("and binds tighter than or") << "violin > 0.85 or piano > 0.5 and violin < 0.5"
                                               << "01";
    QTest::newRow("parentheses") << "(violin > 0.85 or piano > 0.5) and violin < 0.5"
                                 << "1";
    QTest::newRow("not") << "not violin > 0.7"
                         << "134";
    QTest::newRow("bang") << "!classical"
                          << "134";
    QTest::newRow("&& ||") << "violin > 0.7 && piano > 0.9 || jazz"
                           << "12";
    QTest::newRow("text word") << "classical"
                               << "02";
    QTest::newRow("text is case-insensitive") << "DEBUSSY"
                                              << "2";
    QTest::newRow("quoted phrase") << "\"miles davis\""
                                   << "1";
    QTest::newRow("implicit and") << "classical spring"
                                  << "0";
    QTest::newRow("text over path") << "/music/3"
                                    << "3";
    QTest::newRow("bare key is text") << "violin"
                                      << "";
    QTest::newRow("field text") << "artist:davis"
                                << "1";
    QTest::newRow("field quoted") << "title:\"so what\""
                                  << "1";
    QTest::newRow("genre field") << "genre:classical and violin labelled"
                                 << "2";
    QTest::newRow("duration") << "duration > 250"
                              << "12";
    QTest::newRow("year range") << "year >= 1900 and year < 1950"
                                << "23";
    QTest::newRow("year colon") << "year:1959"
                                << "1";
    QTest::newRow("underscore key") << "mallet_percussion unlabelled and classical"
                                    << "02";
    QTest::newRow("negative number") << "violin > -1"
                                     << "0123";
    // The terms the instrumentation overview writes when a bar or cell is clicked.
    QTest::newRow("state with =") << "violin = present"
                                  << "2";
    QTest::newRow("state with ==") << "piano == present"
                                   << "12";
    QTest::newRow("unknown with =") << "violin = unknown"
                                    << "034";
    QTest::newRow("state with !=") << "violin != absent"
                                   << "0234";
    QTest::newRow("two instruments present") << "piano = present and violin = present"
                                             << "2";
    QTest::newRow("field equals") << "genre = classical"
                                  << "02";
    QTest::newRow("field equals is exact") << "genre = Classical"
                                           << "";
    QTest::newRow("field equals whole value") << "artist = Miles"
                                              << "";
    QTest::newRow("field equals quoted") << "artist = \"Miles Davis\""
                                         << "1";
    QTest::newRow("field equals empty") << "genre = \"\""
                                        << "4";
    QTest::newRow("field not equals") << "genre != classical"
                                      << "134";
    QTest::newRow("path equals") << "path = \"/music/3.flac\""
                                 << "3";
    QTest::newRow("genre and score") << "genre = classical and violin >= 0.9"
                                     << "0";
}

void TrackFilterTest::evaluates()
{
    QFETCH(QString, expression);
    QFETCH(QString, matches);
    const TrackTable table = makeTable();
    auto f = TrackFilter::parse(expression, table.instrumentKeys());
    QVERIFY2(f.ok(), qPrintable(f.error().message));
    QCOMPARE(matchString(table, *f), matches);
}

void TrackFilterTest::errors_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown instrument") << "violn > 0.7"
                                        << "violn";
    QTest::newRow("missing number") << "violin > "
                                    << "number";
    QTest::newRow("word instead of number") << "violin > high"
                                            << "number";
    QTest::newRow("unclosed paren") << "(violin > 0.5"
                                    << "(";
    QTest::newRow("stray paren") << "violin > 0.5)"
                                 << ")";
    QTest::newRow("dangling and") << "violin > 0.5 and"
                                  << "ends early";
    QTest::newRow("leading or") << "or violin > 0.5"
                                << "or";
    QTest::newRow("bad state") << "violin is loud"
                               << "violin";
    QTest::newRow("unterminated quote") << "\"miles"
                                        << "quote";
    QTest::newRow("single ampersand") << "a & b"
                                      << "&";
    QTest::newRow("text field with op") << "artist > 3"
                                        << "artist";
    QTest::newRow("unknown field colon") << "composer:bach"
                                         << "composer";
    QTest::newRow("state word after <") << "violin < present"
                                        << "number";
    QTest::newRow("text field with >=") << "genre >= rock"
                                        << "genre";
    QTest::newRow("text field = nothing") << "genre ="
                                          << "genre";
}

void TrackFilterTest::errors()
{
    QFETCH(QString, expression);
    QFETCH(QString, mentions);
    const TrackTable table = makeTable();
    auto f = TrackFilter::parse(expression, table.instrumentKeys());
    QVERIFY(!f.ok());
    QCOMPARE(f.error().code, CatalogError::ParseError);
    QVERIFY2(f.error().message.contains(mentions), qPrintable(f.error().message));
    QVERIFY2(f.error().message.contains(QLatin1String("position"))
                     || f.error().message.contains(QLatin1String("quote")),
             qPrintable(f.error().message));
}

void TrackFilterTest::mentionsInstruments()
{
    const TrackTable table = makeTable();
    auto f = TrackFilter::parse(QStringLiteral("piano > 0.5 or (violin labelled and jazz)"),
                                table.instrumentKeys());
    QVERIFY(f.ok());
    QCOMPARE(f->instruments(), (QList<int> {1, 0}));
    QCOMPARE(f->text(), QStringLiteral("piano > 0.5 or (violin labelled and jazz)"));
}

void TrackFilterTest::doubledQuotes()
{
    TrackTable t;
    t.setInstruments({QStringLiteral("violin")});
    TrackTable::Row quoted;
    quoted.trackId = quoted.clipId = 1;
    quoted.title = QStringLiteral("Say \"Hi\"");
    quoted.album = QStringLiteral("\"");
    t.addRow(quoted);
    TrackTable::Row plain;
    plain.trackId = plain.clipId = 2;
    plain.title = QStringLiteral("Say Hi");
    t.addRow(plain);
    const QList<QPair<QString, QString>> cases {
            {QStringLiteral("title = \"Say \"\"Hi\"\"\""), QStringLiteral("0")},
            {QStringLiteral("\"\"\"hi\"\"\""), QStringLiteral("0")},
            {QStringLiteral("album = \"\"\"\""), QStringLiteral("0")},
            {QStringLiteral("album = \"\""), QStringLiteral("1")},
            {QStringLiteral("\"say\" \"hi\""), QStringLiteral("01")}, // two phrases: and
    };
    for (const auto &c : cases) {
        auto f = TrackFilter::parse(c.first, t.instrumentKeys());
        QVERIFY2(f.ok(), qPrintable(c.first));
        QCOMPARE(matchString(t, *f), c.second);
    }
}

QTEST_GUILESS_MAIN(TrackFilterTest)
#include "TrackFilter_test.moc"
