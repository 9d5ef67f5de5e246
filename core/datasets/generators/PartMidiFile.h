// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/datasets/generators/SynthArrangement.h"

#include <QByteArray>

namespace timbre::datasets {

// One part of an arrangement as a Standard MIDI File (format 0, 120 bpm, 960 ticks per
// second) on channel 9 (General MIDI's channel 10) for percussion, else 0: program (and bank
// select, unless percussion), volume and pan, then its notes. The synthesisers that render a
// part from a file (TimidityRenderer, SonivoxRenderer) play each part alone from one of these,
// so that the stems are exact.
QByteArray partMidiFile(const SynthPart &part, int pan);

} // namespace timbre::datasets
