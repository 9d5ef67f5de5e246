// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/filter/FilterExpression.h"

#include <cmath>

namespace timbre::library::filter {

bool isStateWord(const QString &w, StateTest *state)
{
    if (w == QLatin1String("labelled") || w == QLatin1String("labeled")) {
        *state = StateTest::Labelled;
    } else if (w == QLatin1String("unlabelled") || w == QLatin1String("unlabeled")
               || w == QLatin1String("unknown")) {
        *state = StateTest::Unlabelled;
    } else if (w == QLatin1String("present")) {
        *state = StateTest::Present;
    } else if (w == QLatin1String("absent")) {
        *state = StateTest::Absent;
    } else {
        return false;
    }
    return true;
}

Field fieldOf(const QString &w)
{
    if (w == QLatin1String("title"))
        return Field::Title;
    if (w == QLatin1String("artist"))
        return Field::Artist;
    if (w == QLatin1String("album"))
        return Field::Album;
    if (w == QLatin1String("genre"))
        return Field::Genre;
    if (w == QLatin1String("path"))
        return Field::Path;
    if (w == QLatin1String("duration"))
        return Field::Duration;
    if (w == QLatin1String("year"))
        return Field::Year;
    return Field::None;
}

bool isNumericField(Field f)
{
    return f == Field::Duration || f == Field::Year;
}

namespace {

bool compare(double value, Op op, double number)
{
    if (std::isnan(value))
        return false;
    switch (op) {
    case Op::Gt:
        return value > number;
    case Op::Ge:
        return value >= number;
    case Op::Lt:
        return value < number;
    case Op::Le:
        return value <= number;
    case Op::Eq:
        return value == number;
    case Op::Ne:
        return value != number;
    }
    return false;
}

bool stateMatches(LabelState label, StateTest test)
{
    switch (test) {
    case StateTest::Labelled:
        return label != LabelState::Unknown;
    case StateTest::Unlabelled:
        return label == LabelState::Unknown;
    case StateTest::Present:
        return label == LabelState::Present;
    case StateTest::Absent:
        return label == LabelState::Absent;
    }
    return false;
}

} // namespace

bool Node::eval(const TrackTable &t, int row) const
{
    switch (kind) {
    case And:
        return a->eval(t, row) && b->eval(t, row);
    case Or:
        return a->eval(t, row) || b->eval(t, row);
    case Not:
        return !a->eval(t, row);
    case Score:
        return compare(t.score(row, instrument), op, number);
    case State:
        if (instrument >= 0)
            return stateMatches(t.label(row, instrument), state);
        return evalAnyInstrument(t, row);
    case Text:
        return t.searchText(row).contains(text);
    case FieldText:
        return fieldText(t.row(row)).contains(text, Qt::CaseInsensitive);
    case FieldEquals:
        return (fieldText(t.row(row)) == text) == (op == Op::Eq);
    case FieldNumber:
        return compare(field == Field::Year ? double(t.row(row).year)
                                            : double(t.row(row).durationS),
                       op, number);
    }
    return false;
}

bool Node::evalAnyInstrument(const TrackTable &t, int row) const
{
    const int n = t.instrumentCount();
    if (state == StateTest::Unlabelled) {
        for (int i = 0; i < n; ++i) {
            if (t.label(row, i) != LabelState::Unknown)
                return false;
        }
        return true;
    }
    for (int i = 0; i < n; ++i) {
        if (stateMatches(t.label(row, i), state))
            return true;
    }
    return false;
}

const QString &Node::fieldText(const TrackTable::Row &r) const
{
    switch (field) {
    case Field::Title:
        return r.title;
    case Field::Artist:
        return r.artist;
    case Field::Album:
        return r.album;
    case Field::Genre:
        return r.genre;
    default:
        break;
    }
    return r.path;
}

} // namespace timbre::library::filter
