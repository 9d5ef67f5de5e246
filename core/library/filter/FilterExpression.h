// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The compiled form of a filter expression: a tree of nodes, evaluated per row of a TrackTable
// (core/library/TrackFilter.h has the grammar; filter/FilterParser builds the tree).
#include "core/library/LabelTypes.h"
#include "core/library/TrackTable.h"

#include <QString>

#include <memory>

namespace timbre::library::filter {

enum class Op { Gt, Ge, Lt, Le, Eq, Ne };
enum class StateTest { Labelled, Unlabelled, Present, Absent };
enum class Field { None, Title, Artist, Album, Genre, Path, Duration, Year };

// "labelled", "unlabelled", "unknown", "present", "absent" (lower case) and their state.
bool isStateWord(const QString &word, StateTest *state);
// A track field's name (lower case), Field::None for any other word.
Field fieldOf(const QString &word);
bool isNumericField(Field field);

struct Node
{
    enum Kind { And, Or, Not, Score, State, Text, FieldText, FieldEquals, FieldNumber };
    Kind kind = Text;
    std::unique_ptr<Node> a;
    std::unique_ptr<Node> b;
    int instrument = -1;
    Op op = Op::Gt;
    double number = 0;
    StateTest state = StateTest::Labelled;
    bool bare = false; // a STATE without an instrument, resolved after parsing
    int pos = 0;
    Field field = Field::None;
    QString text; // lower-cased needle

    bool eval(const TrackTable &t, int row) const;

private:
    bool evalAnyInstrument(const TrackTable &t, int row) const;
    const QString &fieldText(const TrackTable::Row &r) const;
};

} // namespace timbre::library::filter
