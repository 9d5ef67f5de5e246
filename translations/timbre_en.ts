<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
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
    <name>timbre::widgets::LibraryBrowser</name>
    <message numerus="yes">
        <source>%1 of %n track(s)</source>
        <translation>
            <numerusform>%1 of %n track</numerusform>
            <numerusform>%1 of %n tracks</numerusform>
        </translation>
    </message>
</context>
</TS>
