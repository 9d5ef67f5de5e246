<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ModelDocks</name>
    <message numerus="yes">
        <source>retrained automatically after %n label edit(s)</source>
        <translation>
            <numerusform>retrained automatically after %n label edit</numerusform>
            <numerusform>retrained automatically after %n label edits</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>timbre::widgets::CoOccurrenceModel</name>
    <message numerus="yes">
        <source>%1 labelled present: %n clip(s). Click to list them.</source>
        <translation>
            <numerusform>%1 labelled present: %n clip. Click to list it.</numerusform>
            <numerusform>%1 labelled present: %n clips. Click to list them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 scored at or above its threshold: %n clip(s). Click to list them.</source>
        <translation>
            <numerusform>%1 scored at or above its threshold: %n clip. Click to list it.</numerusform>
            <numerusform>%1 scored at or above its threshold: %n clips. Click to list them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 and %2 both labelled present: %n clip(s). Click to list them.</source>
        <translation>
            <numerusform>%1 and %2 both labelled present: %n clip. Click to list it.</numerusform>
            <numerusform>%1 and %2 both labelled present: %n clips. Click to list them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 and %2 both scored at or above their thresholds: %n clip(s). Click to list them.</source>
        <translation>
            <numerusform>%1 and %2 both scored at or above their thresholds: %n clip. Click to list it.</numerusform>
            <numerusform>%1 and %2 both scored at or above their thresholds: %n clips. Click to list them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>timbre::widgets::ComparisonTableModel</name>
    <message numerus="yes">
        <source>None of the %n evaluated clip(s) has a known label, so no metric is defined. Label some of them, or compare on all clips.</source>
        <translation>
            <numerusform>The %n evaluated clip has no known label, so no metric is defined. Label it, or compare on all clips.</numerusform>
            <numerusform>None of the %n evaluated clips has a known label, so no metric is defined. Label some of them, or compare on all clips.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>timbre::widgets::GroupShareModel</name>
    <message numerus="yes">
        <source>%n clip(s). Click to list them.</source>
        <translation>
            <numerusform>%n clip. Click to list it.</numerusform>
            <numerusform>%n clips. Click to list them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %2: %3 of %n clip(s) labelled present. Click to list them.</source>
        <translation>
            <numerusform>%1, %2: %3 of %n clip labelled present. Click to list them.</numerusform>
            <numerusform>%1, %2: %3 of %n clips labelled present. Click to list them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %2: %3 of %n clip(s) scored at or above the threshold. Click to list them.</source>
        <translation>
            <numerusform>%1, %2: %3 of %n clip scored at or above the threshold. Click to list them.</numerusform>
            <numerusform>%1, %2: %3 of %n clips scored at or above the threshold. Click to list them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>timbre::widgets::InstrumentCountsChart</name>
    <message numerus="yes">
        <source>Labels (%n clip(s))</source>
        <translation>
            <numerusform>Labels (%n clip)</numerusform>
            <numerusform>Labels (%n clips)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 labelled present: %n clip(s)</source>
        <translation>
            <numerusform>%1 labelled present: %n clip</numerusform>
            <numerusform>%1 labelled present: %n clips</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 labelled absent: %n clip(s)</source>
        <translation>
            <numerusform>%1 labelled absent: %n clip</numerusform>
            <numerusform>%1 labelled absent: %n clips</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 not labelled: %n clip(s)</source>
        <translation>
            <numerusform>%1 not labelled: %n clip</numerusform>
            <numerusform>%1 not labelled: %n clips</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 scored at or above %2: %n clip(s)</source>
        <translation>
            <numerusform>%1 scored at or above %2: %n clip</numerusform>
            <numerusform>%1 scored at or above %2: %n clips</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>timbre::widgets::InstrumentationOverview</name>
    <message numerus="yes">
        <source>%1 (%n track(s))</source>
        <translation>
            <numerusform>%1 (%n track)</numerusform>
            <numerusform>%1 (%n tracks)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1–%2: %3 (%n clip(s))</source>
        <translation>
            <numerusform>%1–%2: %3 (%n clip)</numerusform>
            <numerusform>%1–%2: %3 (%n clips)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>timbre::widgets::LabelEditor</name>
    <message numerus="yes">
        <source>%n clip(s) selected: a key sets the label on all of them</source>
        <translation>
            <numerusform>%n clip selected: a key sets its label</numerusform>
            <numerusform>%n clips selected: a key sets the label on all of them</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1. %n label change(s) since it was trained.</source>
        <translation>
            <numerusform>%1. %n label change since it was trained.</numerusform>
            <numerusform>%1. %n label changes since it was trained.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n label(s) changed by someone else since were left alone</source>
        <translation>
            <numerusform>%n label changed by someone else since was left alone</numerusform>
            <numerusform>%n labels changed by someone else since were left alone</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>timbre::widgets::LabelEfficiencyChart</name>
    <message numerus="yes">
        <source>%n version(s) in the lineage of the chosen ones.</source>
        <translation>
            <numerusform>%n version in the lineage of the chosen ones.</numerusform>
            <numerusform>%n versions in the lineage of the chosen ones.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n version(s) left out: trained before the labels seen were recorded (%1).</source>
        <translation>
            <numerusform>%n version left out: trained before the labels seen were recorded (%1).</numerusform>
            <numerusform>%n versions left out: trained before the labels seen were recorded (%1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n version(s) left out: no test AUROC stored (%1).</source>
        <translation>
            <numerusform>%n version left out: no test AUROC stored (%1).</numerusform>
            <numerusform>%n versions left out: no test AUROC stored (%1).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>timbre::widgets::LibraryBrowser</name>
    <message numerus="yes">
        <source>%1 of %n track(s)</source>
        <translation>
            <numerusform>%1 of %n track</numerusform>
            <numerusform>%1 of %n tracks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>timbre::widgets::ModelComparisonView</name>
    <message numerus="yes">
        <source>Evaluating %n version(s)…</source>
        <translation>
            <numerusform>Evaluating %n version…</numerusform>
            <numerusform>Evaluating %n versions…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The library has %n model version(s): train another one (Library &gt; Retrain Model) to compare them.</source>
        <translation>
            <numerusform>The library has %n model version: train another one (Library &gt; Retrain Model) to compare them.</numerusform>
            <numerusform>The library has %n model versions: train another one (Library &gt; Retrain Model) to compare them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n test clip(s) evaluated: %1.</source>
        <translation>
            <numerusform>%n test clip evaluated: %1.</numerusform>
            <numerusform>%n test clips evaluated: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) evaluated (all clips): %1.</source>
        <translation>
            <numerusform>%n clip evaluated (all clips): %1.</numerusform>
            <numerusform>%n clips evaluated (all clips): %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) skipped: no readable features.</source>
        <translation>
            <numerusform>%n clip skipped: no readable features.</numerusform>
            <numerusform>%n clips skipped: no readable features.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Errors of %1 on any instrument (%2): %n track(s)</source>
        <translation>
            <numerusform>Errors of %1 on any instrument (%2): %n track</numerusform>
            <numerusform>Errors of %1 on any instrument (%2): %n tracks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Errors of %1 on %2 (%3): %n track(s)</source>
        <translation>
            <numerusform>Errors of %1 on %2 (%3): %n track</numerusform>
            <numerusform>Errors of %1 on %2 (%3): %n tracks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 is wrong on %n clip(s) at threshold 0.5, on any instrument: %2 false positives, %3 false negatives.</source>
        <translation>
            <numerusform>%1 is wrong on %n clip at threshold 0.5, on any instrument: %2 false positives, %3 false negatives.</numerusform>
            <numerusform>%1 is wrong on %n clips at threshold 0.5, on any instrument: %2 false positives, %3 false negatives.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 is wrong on %n clip(s) of %2 at threshold 0.5: %3 false positives, %4 false negatives.</source>
        <translation>
            <numerusform>%1 is wrong on %n clip of %2 at threshold 0.5: %3 false positives, %4 false negatives.</numerusform>
            <numerusform>%1 is wrong on %n clips of %2 at threshold 0.5: %3 false positives, %4 false negatives.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>— = undefined for %n instrument(s); hover here for why.</source>
        <translation>
            <numerusform>— = undefined for %n instrument; hover here for why.</numerusform>
            <numerusform>— = undefined for %n instruments; hover here for why.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>timbre::widgets::ModelLineageModel</name>
    <message numerus="yes">
        <source>%n known label(s) in its training set</source>
        <translation>
            <numerusform>%n known label in its training set</numerusform>
            <numerusform>%n known labels in its training set</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n label change(s) since its training set was taken</source>
        <translation>
            <numerusform>%n label change since its training set was taken</numerusform>
            <numerusform>%n label changes since its training set was taken</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>On %n test clip(s): AUROC %1, F1 %2, precision %3, recall %4, mAP %5</source>
        <translation>
            <numerusform>On %n test clip: AUROC %1, F1 %2, precision %3, recall %4, mAP %5</numerusform>
            <numerusform>On %n test clips: AUROC %1, F1 %2, precision %3, recall %4, mAP %5</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>timbre::widgets::ModelLineageView</name>
    <message numerus="yes">
        <source>Deleted “%1” and %n file(s).</source>
        <translation>
            <numerusform>Deleted “%1” and %n file.</numerusform>
            <numerusform>Deleted “%1” and %n files.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>timbre::widgets::RetrainDialog</name>
    <message numerus="yes">
        <source>The run will see %n labelled clip(s)</source>
        <translation>
            <numerusform>The run will see %n labelled clip</numerusform>
            <numerusform>The run will see %n labelled clips</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>of %n clip(s) to train on</source>
        <translation>
            <numerusform>of %n clip to train on</numerusform>
            <numerusform>of %n clips to train on</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n label edit(s) made since %1.</source>
        <translation>
            <numerusform>and %n label edit made since %1.</numerusform>
            <numerusform>and %n label edits made since %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n test clip(s) are only scored.</source>
        <translation>
            <numerusform>%n test clip is only scored.</numerusform>
            <numerusform>%n test clips are only scored.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>timbre::widgets::ReviewPanel</name>
    <message numerus="yes">
        <source>%n entries; Q in the label editor walks them.</source>
        <translation>
            <numerusform>%n entry; Q in the label editor walks it.</numerusform>
            <numerusform>%n entries; Q in the label editor walks them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>timbre::widgets::TrainingCharts</name>
    <message numerus="yes">
        <source>%n test clip(s)</source>
        <translation>
            <numerusform>%n test clip</numerusform>
            <numerusform>%n test clips</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n validation clip(s)</source>
        <translation>
            <numerusform>%n validation clip</numerusform>
            <numerusform>%n validation clips</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>timbre::widgets::TrainingOutcome</name>
    <message numerus="yes">
        <source>New version &lt;b&gt;%1&lt;/b&gt;: %n epoch(s) in %2.</source>
        <translation>
            <numerusform>New version &lt;b&gt;%1&lt;/b&gt;: %n epoch in %2.</numerusform>
            <numerusform>New version &lt;b&gt;%1&lt;/b&gt;: %n epochs in %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>On %n test clip(s), beside its parent %1: %2.</source>
        <translation>
            <numerusform>On %n test clip, beside its parent %1: %2.</numerusform>
            <numerusform>On %n test clips, beside its parent %1: %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>On %n test clip(s): %1.</source>
        <translation>
            <numerusform>On %n test clip: %1.</numerusform>
            <numerusform>On %n test clips: %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>timbre::widgets::TrainingPanel</name>
    <message numerus="yes">
        <source>stored curves, %n epoch(s)</source>
        <translation>
            <numerusform>stored curves, %n epoch</numerusform>
            <numerusform>stored curves, %n epochs</numerusform>
        </translation>
    </message>
</context>
</TS>
