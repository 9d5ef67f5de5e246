<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>JobStarter</name>
    <message>
        <source>retrained in the workbench</source>
        <translation>in der Workbench nachtrainiert</translation>
    </message>
    <message>
        <source>trained in the workbench</source>
        <translation>in der Workbench trainiert</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>JobsSummary</name>
    <message>
        <source>1 job running</source>
        <translation>1 Job läuft</translation>
    </message>
    <message>
        <source>%1 jobs running</source>
        <translation>%1 Jobs laufen</translation>
    </message>
    <message>
        <source>%1 queued</source>
        <translation>%1 in der Warteschlange</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1, ETA %2</source>
        <translation>%1, noch %2</translation>
    </message>
</context>
<context>
    <name>timbre::gui::MainWindow</name>
    <message>
        <source>Timbre Workbench</source>
        <translation>Timbre Workbench</translation>
    </message>
    <message>
        <source>No library</source>
        <translation>Keine Bibliothek</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Jobs</translation>
    </message>
    <message>
        <source>&amp;New Library…</source>
        <translation>&amp;Neue Bibliothek…</translation>
    </message>
    <message>
        <source>Make a new library in an empty folder</source>
        <translation>Eine neue Bibliothek in einem leeren Ordner anlegen</translation>
    </message>
    <message>
        <source>&amp;Open Library…</source>
        <translation>Bibliothek ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Audio Files…</source>
        <translation>&amp;Audiodateien öffnen…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Look at audio files without a library</source>
        <translation>Audiodateien ohne Bibliothek ansehen</translation>
    </message>
    <message>
        <source>&amp;Scan Folder…</source>
        <translation>Ordner &amp;einlesen…</translation>
    </message>
    <message>
        <source>Add a folder of audio to the library</source>
        <translation>Einen Ordner mit Audiodateien zur Bibliothek hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Rescan Audio Folders</source>
        <translation>Audio-Ordner &amp;neu einlesen</translation>
    </message>
    <message>
        <source>&amp;Extract Features</source>
        <translation>&amp;Merkmale extrahieren</translation>
    </message>
    <message>
        <source>Compute the features of every track that has none or stale ones</source>
        <translation>Die Merkmale jeder Spur berechnen, die keine oder veraltete hat</translation>
    </message>
    <message>
        <source>&amp;Train New Model</source>
        <translation>Neues Mo&amp;dell trainieren</translation>
    </message>
    <message>
        <source>Train a Mean Teacher model from scratch on the library&apos;s labels</source>
        <translation>Ein Mean-Teacher-Modell von Grund auf mit den Labels der Bibliothek trainieren</translation>
    </message>
    <message>
        <source>Re&amp;train Model</source>
        <translation>Modell nach&amp;trainieren</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>Retrain the active model on the current labels (Mean Teacher, warm start)</source>
        <translation>Das aktive Modell mit den aktuellen Labels nachtrainieren (Mean Teacher, Warmstart)</translation>
    </message>
    <message>
        <source>&amp;Predict</source>
        <translation>&amp;Vorhersagen</translation>
    </message>
    <message>
        <source>Score every track with the active model</source>
        <translation>Jede Spur mit dem aktiven Modell bewerten</translation>
    </message>
    <message>
        <source>Resume &amp;Interrupted Jobs</source>
        <translation>&amp;Unterbrochene Jobs fortsetzen</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>E&amp;instellungen…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Library</source>
        <translation>&amp;Bibliothek</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>&amp;Vollbild</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Timbre Workbench</source>
        <translation>&amp;Über Timbre Workbench</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Werkzeugleiste</translation>
    </message>
    <message>
        <source>New Library Folder</source>
        <translation>Ordner für die neue Bibliothek</translation>
    </message>
    <message>
        <source>Open Library Folder</source>
        <translation>Bibliotheksordner öffnen</translation>
    </message>
    <message>
        <source>Cannot open library: %1 is not a folder</source>
        <translation>Bibliothek kann nicht geöffnet werden: %1 ist kein Ordner</translation>
    </message>
    <message>
        <source>Cannot make a library in %1: %2</source>
        <translation>In %1 kann keine Bibliothek angelegt werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a library (%2). File &gt; New Library makes one.</source>
        <translation>%1 ist keine Bibliothek (%2). Datei &gt; Neue Bibliothek legt eine an.</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Wird gelesen…</translation>
    </message>
    <message>
        <source>%1 — Timbre Workbench</source>
        <translation>%1 — Timbre Workbench</translation>
    </message>
    <message>
        <source>%1: no such readable file</source>
        <translation>%1: keine lesbare Datei</translation>
    </message>
    <message>
        <source>%1: cannot be decoded</source>
        <translation>%1: kann nicht dekodiert werden</translation>
    </message>
    <message>
        <source>Open a library (File &gt; Open Library…) or audio files (File &gt; Open Audio Files…).</source>
        <translation>Öffnen Sie eine Bibliothek (Datei &gt; Bibliothek öffnen…) oder Audiodateien (Datei &gt; Audiodateien öffnen…).</translation>
    </message>
    <message>
        <source>Open Audio Files</source>
        <translation>Audiodateien öffnen</translation>
    </message>
    <message>
        <source>Audio (*.wav *.flac *.ogg *.opus *.mp3 *.m4a *.aiff *.aif);;All files (*)</source>
        <translation>Audio (*.wav *.flac *.ogg *.opus *.mp3 *.m4a *.aiff *.aif);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Scan Folder</source>
        <translation>Ordner einlesen</translation>
    </message>
    <message>
        <source>Open a library first.</source>
        <translation>Öffnen Sie zuerst eine Bibliothek.</translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation>Gestartet: %1</translation>
    </message>
    <message>
        <source>No active model to retrain: training a new one.</source>
        <translation>Kein aktives Modell zum Nachtrainieren: ein neues wird trainiert.</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Cannot read the library&apos;s jobs: %1</source>
        <translation>Die Jobs der Bibliothek können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Interrupted Jobs</source>
        <translation>Unterbrochene Jobs</translation>
    </message>
    <message>
        <source>Jobs of this library that did not finish last time: %1</source>
        <translation>Jobs dieser Bibliothek, die beim letzten Mal nicht fertig wurden: %1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Später</translation>
    </message>
    <message>
        <source>Cannot resume: %1</source>
        <translation>Fortsetzen nicht möglich: %1</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <source>Cannot activate the model: %1</source>
        <translation>Das Modell kann nicht aktiviert werden: %1</translation>
    </message>
    <message>
        <source>No model yet</source>
        <translation>Noch kein Modell</translation>
    </message>
    <message>
        <source>Model: %1 (scores stale)</source>
        <translation>Modell: %1 (Scores veraltet)</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>Modell: %1</translation>
    </message>
    <message>
        <source>Starter model imported: extract features and predict to see its scores</source>
        <translation>Startmodell importiert: Merkmale extrahieren und vorhersagen, um seine Werte zu sehen</translation>
    </message>
    <message>
        <source>Cannot import the starter model: %1</source>
        <translation>Das Startmodell kann nicht importiert werden: %1</translation>
    </message>
    <message>
        <source>Import &amp;Labels…</source>
        <translation>&amp;Labels importieren…</translation>
    </message>
    <message>
        <source>Add labels from a CSV file of your own to the library</source>
        <translation>Labels aus einer eigenen CSV-Datei in die Bibliothek übernehmen</translation>
    </message>
    <message>
        <source>Import Labels</source>
        <translation>Labels importieren</translation>
    </message>
    <message>
        <source>Labels (*.csv *.txt);;All files (*)</source>
        <translation>Labels (*.csv *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Instrumentation Overview</source>
        <translation>Instrumentierung</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Ctrl+3</source>
        <translation>Ctrl+3</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>The library can be read again</source>
        <translation>Die Bibliothek ist wieder lesbar</translation>
    </message>
    <message>
        <source>The library cannot be read: %1</source>
        <translation>Die Bibliothek kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Ctrl+4</source>
        <translation>Ctrl+4</translation>
    </message>
</context>
<context>
    <name>timbre::library::Taxonomy</name>
    <message>
        <source>Accordion</source>
        <translation>Akkordeon</translation>
    </message>
    <message>
        <source>Banjo</source>
        <translation>Banjo</translation>
    </message>
    <message>
        <source>Bass</source>
        <translation>Bass</translation>
    </message>
    <message>
        <source>Cello</source>
        <translation>Cello</translation>
    </message>
    <message>
        <source>Clarinet</source>
        <translation>Klarinette</translation>
    </message>
    <message>
        <source>Cymbals</source>
        <translation>Becken</translation>
    </message>
    <message>
        <source>Drums</source>
        <translation>Schlagzeug</translation>
    </message>
    <message>
        <source>Flute</source>
        <translation>Flöte</translation>
    </message>
    <message>
        <source>Guitar</source>
        <translation>Gitarre</translation>
    </message>
    <message>
        <source>Mallet percussion</source>
        <translation>Stabspiele</translation>
    </message>
    <message>
        <source>Mandolin</source>
        <translation>Mandoline</translation>
    </message>
    <message>
        <source>Organ</source>
        <translation>Orgel</translation>
    </message>
    <message>
        <source>Piano</source>
        <translation>Klavier</translation>
    </message>
    <message>
        <source>Saxophone</source>
        <translation>Saxophon</translation>
    </message>
    <message>
        <source>Synthesizer</source>
        <translation>Synthesizer</translation>
    </message>
    <message>
        <source>Trombone</source>
        <translation>Posaune</translation>
    </message>
    <message>
        <source>Trumpet</source>
        <translation>Trompete</translation>
    </message>
    <message>
        <source>Ukulele</source>
        <translation>Ukulele</translation>
    </message>
    <message>
        <source>Violin</source>
        <translation>Violine</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Gesang</translation>
    </message>
</context>
<context>
    <name>timbre::library::TrackTableModel</name>
    <message>
        <source>%1 (missing)</source>
        <translation>%1 (fehlt)</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Artist</source>
        <translation>Künstler</translation>
    </message>
    <message>
        <source>Album</source>
        <translation>Album</translation>
    </message>
    <message>
        <source>Genre</source>
        <translation>Genre</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Jahr</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::AboutDialog</name>
    <message>
        <source>About Timbre Workbench</source>
        <translation>Über Timbre Workbench</translation>
    </message>
    <message>
        <source>Finds which instruments play in each track of a music library and where, lets you correct the model&apos;s weak and missing labels, and retrains a Mean Teacher model on your corrections in the background.&lt;br&gt;&lt;br&gt;Methods after S. Gururani, &lt;i&gt;Musical instrument classification with weak and partial labels&lt;/i&gt;.</source>
        <translation>Findet heraus, welche Instrumente in jeder Spur einer Musikbibliothek spielen und wo, lässt Sie die schwachen und fehlenden Labels des Modells korrigieren und trainiert mit Ihren Korrekturen im Hintergrund ein Mean-Teacher-Modell nach.&lt;br&gt;&lt;br&gt;Methoden nach S. Gururani, &lt;i&gt;Musical instrument classification with weak and partial labels&lt;/i&gt;.</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::AlbumActivityModel</name>
    <message>
        <source>no score</source>
        <translation>kein Score</translation>
    </message>
    <message>
        <source>score %1</source>
        <translation>Score %1</translation>
    </message>
    <message>
        <source>labelled present</source>
        <translation>als vorhanden gelabelt</translation>
    </message>
    <message>
        <source>labelled absent</source>
        <translation>als abwesend gelabelt</translation>
    </message>
    <message>
        <source>not labelled</source>
        <translation>nicht gelabelt</translation>
    </message>
    <message>
        <source>%1 — %2: %3, %4. Click to list the track.</source>
        <translation>%1 — %2: %3, %4. Klicken listet die Spur.</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::AttentionLanes</name>
    <message>
        <source>Open a track of a library to see where its instruments play</source>
        <translation>Öffnen Sie eine Spur einer Bibliothek, um zu sehen, wo ihre Instrumente spielen</translation>
    </message>
    <message>
        <source>height: attention</source>
        <translation>Höhe: Attention</translation>
    </message>
    <message>
        <source>height: instance score</source>
        <translation>Höhe: Instanz-Score</translation>
    </message>
    <message>
        <source>colour: instance score 0</source>
        <translation>Farbe: Instanz-Score 0</translation>
    </message>
    <message>
        <source>Instrument  clip score</source>
        <translation>Instrument  Clip-Score</translation>
    </message>
    <message>
        <source>All instruments hidden (right-click to show some)</source>
        <translation>Alle Instrumente ausgeblendet (Rechtsklick blendet welche ein)</translation>
    </message>
    <message>
        <source>No versions to compare</source>
        <translation>Keine Versionen zum Vergleichen</translation>
    </message>
    <message>
        <source>height: attention (instance score without)</source>
        <translation>Höhe: Aufmerksamkeit (ohne: Instanzwert)</translation>
    </message>
    <message>
        <source>not an instrument of this version</source>
        <translation>kein Instrument dieser Version</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::CoOccurrenceModel</name>
    <message numerus="yes">
        <source>%1 labelled present: %n clip(s). Click to list them.</source>
        <translation>
            <numerusform>%1 als vorhanden gelabelt: %n Clip. Klicken listet ihn auf.</numerusform>
            <numerusform>%1 als vorhanden gelabelt: %n Clips. Klicken listet sie auf.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 scored at or above its threshold: %n clip(s). Click to list them.</source>
        <translation>
            <numerusform>%1 mit Score ab seinem Schwellenwert: %n Clip. Klicken listet ihn auf.</numerusform>
            <numerusform>%1 mit Score ab seinem Schwellenwert: %n Clips. Klicken listet sie auf.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 and %2 both labelled present: %n clip(s). Click to list them.</source>
        <translation>
            <numerusform>%1 und %2 beide als vorhanden gelabelt: %n Clip. Klicken listet ihn auf.</numerusform>
            <numerusform>%1 und %2 beide als vorhanden gelabelt: %n Clips. Klicken listet sie auf.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 and %2 both scored at or above their thresholds: %n clip(s). Click to list them.</source>
        <translation>
            <numerusform>%1 und %2 beide mit Score ab ihrem Schwellenwert: %n Clip. Klicken listet ihn auf.</numerusform>
            <numerusform>%1 und %2 beide mit Score ab ihrem Schwellenwert: %n Clips. Klicken listet sie auf.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>timbre::widgets::ColourMap</name>
    <message>
        <source>Viridis</source>
        <translation>Viridis</translation>
    </message>
    <message>
        <source>Magma</source>
        <translation>Magma</translation>
    </message>
    <message>
        <source>Grey</source>
        <translation>Grau</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::CompareBar</name>
    <message>
        <source>Comparing: %1</source>
        <translation>Vergleich: %1</translation>
    </message>
    <message>
        <source> vs </source>
        <translation> gegen </translation>
    </message>
    <message>
        <source>Leave comparison</source>
        <translation>Vergleich beenden</translation>
    </message>
    <message>
        <source>Show the active version&apos;s lanes again</source>
        <translation>Wieder die Spuren der aktiven Version zeigen</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::FacetPanel</name>
    <message>
        <source>Folders</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Artists</source>
        <translation>Künstler</translation>
    </message>
    <message>
        <source>Albums</source>
        <translation>Alben</translation>
    </message>
    <message>
        <source>Genres</source>
        <translation>Genres</translation>
    </message>
    <message>
        <source>Show All</source>
        <translation>Alle zeigen</translation>
    </message>
    <message>
        <source>Clear the selection in every list</source>
        <translation>Die Auswahl in jeder Liste aufheben</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine Angabe)</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::GroupShareModel</name>
    <message>
        <source>(no genre)</source>
        <translation>(kein Genre)</translation>
    </message>
    <message>
        <source>(no artist)</source>
        <translation>(kein Interpret)</translation>
    </message>
    <message>
        <source>(no album)</source>
        <translation>(kein Album)</translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s). Click to list them.</source>
        <translation>
            <numerusform>%n Clip. Klicken listet ihn auf.</numerusform>
            <numerusform>%n Clips. Klicken listet sie auf.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %2: %3 of %n clip(s) labelled present. Click to list them.</source>
        <translation>
            <numerusform>%1, %2: %3 von %n Clip als vorhanden gelabelt. Klicken listet sie auf.</numerusform>
            <numerusform>%1, %2: %3 von %n Clips als vorhanden gelabelt. Klicken listet sie auf.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %2: %3 of %n clip(s) scored at or above the threshold. Click to list them.</source>
        <translation>
            <numerusform>%1, %2: %3 von %n Clip mit Score ab dem Schwellenwert. Klicken listet sie auf.</numerusform>
            <numerusform>%1, %2: %3 von %n Clips mit Score ab dem Schwellenwert. Klicken listet sie auf.</numerusform>
        </translation>
    </message>
    <message>
        <source>Genre</source>
        <translation>Genre</translation>
    </message>
    <message>
        <source>Artist</source>
        <translation>Interpret</translation>
    </message>
    <message>
        <source>Album</source>
        <translation>Album</translation>
    </message>
    <message>
        <source>Clips</source>
        <translation>Clips</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::ImportLabelsDialog</name>
    <message>
        <source>Import Labels</source>
        <translation>Labels importieren</translation>
    </message>
    <message>
        <source>A CSV file with one row per file and instrument</source>
        <translation>Eine CSV-Datei mit einer Zeile je Datei und Instrument</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>&amp;Auswählen…</translation>
    </message>
    <message>
        <source>&amp;Labels file:</source>
        <translation>&amp;Label-Datei:</translation>
    </message>
    <message>
        <source>Columns are found by their header: the file (file, path, track, clip or clip_key: a file name, a path relative to an audio folder, or a clip key), the instrument (instrument, label_name) and the value (present, value, label or relevance: 1/0, present/absent, empty for unknown). Names that fit several tracks are skipped, never guessed.</source>
        <translation>Die Spalten werden an ihrer Kopfzeile erkannt: die Datei (file, path, track, clip oder clip_key: ein Dateiname, ein Pfad relativ zu einem Audio-Ordner oder ein Clip-Schlüssel), das Instrument (instrument, label_name) und der Wert (present, value, label oder relevance: 1/0, present/absent, leer für unbekannt). Namen, die auf mehrere Spuren passen, werden übersprungen, nie geraten.</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrument</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Zuordnung</translation>
    </message>
    <message>
        <source>Choose a labels file to see how its rows match the library.</source>
        <translation>Wählen Sie eine Label-Datei, um zu sehen, wie ihre Zeilen der Bibliothek zugeordnet werden.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>Labels (*.csv *.txt);;All files (*)</source>
        <translation>Labels (*.csv *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <source>present</source>
        <translation>vorhanden</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>abwesend</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1 of %2 rows match a clip of the library and would be imported.</source>
        <translation>%1 von %2 Zeilen passen zu einem Clip der Bibliothek und würden importiert.</translation>
    </message>
    <message>
        <source>%1 name no clip</source>
        <translation>%1 nennen keinen Clip</translation>
    </message>
    <message>
        <source>%1 name a file several tracks share</source>
        <translation>%1 nennen eine Datei, die mehrere Spuren teilen</translation>
    </message>
    <message>
        <source>%1 name an instrument not in the taxonomy</source>
        <translation>%1 nennen ein Instrument, das nicht in der Taxonomie steht</translation>
    </message>
    <message>
        <source>%1 cannot be read</source>
        <translation>%1 sind nicht lesbar</translation>
    </message>
    <message>
        <source>Skipped: %1.</source>
        <translation>Übersprungen: %1.</translation>
    </message>
    <message>
        <source>The table shows the first %1 rows.</source>
        <translation>Die Tabelle zeigt die ersten %1 Zeilen.</translation>
    </message>
    <message>
        <source>%1 cannot be imported: %2</source>
        <translation>%1 kann nicht importiert werden: %2</translation>
    </message>
    <message>
        <source>by clip key</source>
        <translation>über den Clip-Schlüssel</translation>
    </message>
    <message>
        <source>by path</source>
        <translation>über den Pfad</translation>
    </message>
    <message>
        <source>by path relative to the labels file</source>
        <translation>über den Pfad relativ zur Label-Datei</translation>
    </message>
    <message>
        <source>by relative path</source>
        <translation>über den relativen Pfad</translation>
    </message>
    <message>
        <source>by file name</source>
        <translation>über den Dateinamen</translation>
    </message>
    <message>
        <source>by name without extension</source>
        <translation>über den Namen ohne Endung</translation>
    </message>
    <message>
        <source>a region</source>
        <translation>ein Bereich</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1, but the instrument is not in the taxonomy</source>
        <translation>%1, aber das Instrument steht nicht in der Taxonomie</translation>
    </message>
    <message>
        <source>%1 (a new region)</source>
        <translation>%1 (ein neuer Bereich)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>No clip of the library has this name</source>
        <translation>Kein Clip der Bibliothek hat diesen Namen</translation>
    </message>
    <message>
        <source>Ambiguous: %1 tracks have this name</source>
        <translation>Mehrdeutig: %1 Spuren haben diesen Namen</translation>
    </message>
    <message>
        <source>Cannot be read: %1</source>
        <translation>Nicht lesbar: %1</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>%1 wird importiert…</translation>
    </message>
    <message>
        <source>Cannot import %1: %2</source>
        <translation>%1 kann nicht importiert werden: %2</translation>
    </message>
    <message>
        <source>Imported %1: %2 of %3 rows matched, %4 labels changed.</source>
        <translation>%1 importiert: %2 von %3 Zeilen zugeordnet, %4 Labels geändert.</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::InstrumentCountsChart</name>
    <message numerus="yes">
        <source>Labels (%n clip(s))</source>
        <translation>
            <numerusform>Labels (%n Clip)</numerusform>
            <numerusform>Labels (%n Clips)</numerusform>
        </translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Vorhanden</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Abwesend</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>No model scores yet (Library &gt; Predict)</source>
        <translation>Noch keine Modell-Scores (Bibliothek &gt; Vorhersagen)</translation>
    </message>
    <message>
        <source>Clips at or above the threshold</source>
        <translation>Clips ab dem Schwellenwert</translation>
    </message>
    <message numerus="yes">
        <source>%1 labelled present: %n clip(s)</source>
        <translation>
            <numerusform>%1 als vorhanden gelabelt: %n Clip</numerusform>
            <numerusform>%1 als vorhanden gelabelt: %n Clips</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 labelled absent: %n clip(s)</source>
        <translation>
            <numerusform>%1 als abwesend gelabelt: %n Clip</numerusform>
            <numerusform>%1 als abwesend gelabelt: %n Clips</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 not labelled: %n clip(s)</source>
        <translation>
            <numerusform>%1 nicht gelabelt: %n Clip</numerusform>
            <numerusform>%1 nicht gelabelt: %n Clips</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 scored at or above %2: %n clip(s)</source>
        <translation>
            <numerusform>%1 mit Score ab %2: %n Clip</numerusform>
            <numerusform>%1 mit Score ab %2: %n Clips</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to list them.</source>
        <translation>Klicken listet sie auf.</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::InstrumentationOverview</name>
    <message>
        <source>Count &amp;by:</source>
        <translation>&amp;Zählen nach:</translation>
    </message>
    <message>
        <source>Labels (present)</source>
        <translation>Labels (vorhanden)</translation>
    </message>
    <message>
        <source>Model scores (at or above the threshold)</source>
        <translation>Modell-Scores (ab dem Schwellenwert)</translation>
    </message>
    <message>
        <source>What the co-occurrence, group and album tables count</source>
        <translation>Was die Tabellen zu gemeinsamem Auftreten, Gruppen und Album zählen</translation>
    </message>
    <message>
        <source>&amp;Instruments</source>
        <translation>&amp;Instrumente</translation>
    </message>
    <message>
        <source>&amp;Co-occurrence</source>
        <translation>&amp;Gemeinsam</translation>
    </message>
    <message>
        <source>Genre</source>
        <translation>Genre</translation>
    </message>
    <message>
        <source>Artist</source>
        <translation>Interpret</translation>
    </message>
    <message>
        <source>Album</source>
        <translation>Album</translation>
    </message>
    <message>
        <source>&amp;Group by:</source>
        <translation>Gruppieren &amp;nach:</translation>
    </message>
    <message>
        <source>Each cell: the share of the group&apos;s clips with the instrument.</source>
        <translation>Jede Zelle: der Anteil der Clips der Gruppe mit dem Instrument.</translation>
    </message>
    <message>
        <source>&amp;Album:</source>
        <translation>&amp;Album:</translation>
    </message>
    <message>
        <source>Each cell: the model&apos;s score, and the label (✓ present, ✗ absent).</source>
        <translation>Jede Zelle: der Score des Modells und das Label (✓ vorhanden, ✗ abwesend).</translation>
    </message>
    <message>
        <source>Cannot count the library&apos;s instruments: %1</source>
        <translation>Die Instrumente der Bibliothek können nicht gezählt werden: %1</translation>
    </message>
    <message>
        <source>No library open.</source>
        <translation>Keine Bibliothek geöffnet.</translation>
    </message>
    <message>
        <source>No model scores yet: Library &gt; Predict scores the clips.</source>
        <translation>Noch keine Modell-Scores: Bibliothek &gt; Vorhersagen bewertet die Clips.</translation>
    </message>
    <message>
        <source>Scores of model %1, not of the active model (it has not predicted yet).</source>
        <translation>Scores von Modell %1, nicht vom aktiven Modell (es hat noch nicht vorhergesagt).</translation>
    </message>
    <message>
        <source>Scores of the active model %1.</source>
        <translation>Scores des aktiven Modells %1.</translation>
    </message>
    <message>
        <source>No clip is labelled present yet.</source>
        <translation>Noch kein Clip ist als vorhanden gelabelt.</translation>
    </message>
    <message>
        <source>No clip is scored at or above the threshold.</source>
        <translation>Kein Clip hat einen Score ab dem Schwellenwert.</translation>
    </message>
    <message>
        <source>Clips where both instruments are labelled present; on the diagonal, the instrument alone.</source>
        <translation>Clips, in denen beide Instrumente als vorhanden gelabelt sind; auf der Diagonale das Instrument allein.</translation>
    </message>
    <message>
        <source>Clips where the model scores both instruments at or above the threshold; on the diagonal, the instrument alone.</source>
        <translation>Clips, in denen das Modell beide Instrumente ab dem Schwellenwert bewertet; auf der Diagonale das Instrument allein.</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n track(s))</source>
        <translation>
            <numerusform>%1 (%n Spur)</numerusform>
            <numerusform>%1 (%n Spuren)</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read the album: %1</source>
        <translation>Das Album kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>By g&amp;roup</source>
        <translation>Nach G&amp;ruppe</translation>
    </message>
    <message>
        <source>A&amp;lbum</source>
        <translation>A&amp;lbum</translation>
    </message>
    <message>
        <source>Scores at or above the tuned thresholds</source>
        <translation>Scores ab den abgestimmten Schwellenwerten</translation>
    </message>
    <message>
        <source>Scores at or above %1</source>
        <translation>Scores ab %1</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::JobListModel</name>
    <message>
        <source>Queued</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 / %2 (%3 failed)</source>
        <translation>%1 / %2 (%3 fehlgeschlagen)</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Job</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::JobTitles</name>
    <message>
        <source>Scan %1</source>
        <translation>%1 einlesen</translation>
    </message>
    <message>
        <source>Extract %1 features</source>
        <translation>%1-Merkmale extrahieren</translation>
    </message>
    <message>
        <source>Predict with model %1</source>
        <translation>Mit Modell %1 vorhersagen</translation>
    </message>
    <message>
        <source>Predict with the active model</source>
        <translation>Mit dem aktiven Modell vorhersagen</translation>
    </message>
    <message>
        <source>Train %1</source>
        <translation>%1 trainieren</translation>
    </message>
    <message>
        <source>Retrain %1 from the active model</source>
        <translation>%1 ab dem aktiven Modell neu trainieren</translation>
    </message>
    <message>
        <source>Retrain %1 from model %2</source>
        <translation>%1 ab Modell %2 neu trainieren</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::JobsPanel</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel the selected jobs</source>
        <translation>Die ausgewählten Jobs abbrechen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Pause the selected jobs at their next checkpoint</source>
        <translation>Die ausgewählten Jobs am nächsten Haltepunkt anhalten</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Clear Finished</source>
        <translation>Fertige entfernen</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Log: %1 — failed: %2</source>
        <translation>Protokoll: %1 — fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Log: %1</source>
        <translation>Protokoll: %1</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::LabelEditor</name>
    <message>
        <source>Key</source>
        <translation>Taste</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrument</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Confident: present ≥</source>
        <translation>Sicher: vorhanden ≥</translation>
    </message>
    <message>
        <source>absent ≤</source>
        <translation>nicht vorhanden ≤</translation>
    </message>
    <message>
        <source>Accept (Shift+Y)</source>
        <translation>Übernehmen (Umschalt+Y)</translation>
    </message>
    <message>
        <source>Accept the model&apos;s confident suggestions for every unknown label of the clip(s), as one undoable step</source>
        <translation>Die sicheren Vorschläge des Modells für jedes unbekannte Label des Clips (der Clips) übernehmen, als ein rückgängig machbarer Schritt</translation>
    </message>
    <message>
        <source>History of this clip</source>
        <translation>Verlauf dieses Clips</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Keys: an instrument&apos;s key picks it · P present · A absent · U unknown · Y accept the model&apos;s suggestion · Shift+Y accept all confident · N / Shift+N next / previous clip · Q next in queue · Ctrl+Z undo · Ctrl+Shift+Z redo</source>
        <translation>Tasten: die Taste eines Instruments wählt es · P vorhanden · A nicht vorhanden (absent) · U unbekannt · Y Vorschlag des Modells übernehmen · Umschalt+Y alle sicheren übernehmen · N / Umschalt+N nächster / vorheriger Clip · Q nächster der Warteschlange · Strg+Z rückgängig · Strg+Umschalt+Z wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;Undo Label Edit</source>
        <translation>Label-Änderung &amp;rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo Label Edit</source>
        <translation>Label-Änderung &amp;wiederherstellen</translation>
    </message>
    <message>
        <source>Cannot read the labels: %1</source>
        <translation>Die Labels können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>%1 (model&apos;s suggestion)</source>
        <translation>%1 (Vorschlag des Modells)</translation>
    </message>
    <message>
        <source>%1 (import)</source>
        <translation>%1 (Import)</translation>
    </message>
    <message>
        <source>%1, undone</source>
        <translation>%1, rückgängig gemacht</translation>
    </message>
    <message>
        <source>✓ present</source>
        <translation>✓ vorhanden</translation>
    </message>
    <message>
        <source>✗ absent</source>
        <translation>✗ nicht vorhanden</translation>
    </message>
    <message>
        <source>? unknown</source>
        <translation>? unbekannt</translation>
    </message>
    <message>
        <source>The model suggests present</source>
        <translation>Das Modell schlägt „vorhanden“ vor</translation>
    </message>
    <message>
        <source>The model suggests absent</source>
        <translation>Das Modell schlägt „nicht vorhanden“ vor</translation>
    </message>
    <message>
        <source>✓ %1 · ✗ %2 · ? %3</source>
        <translation>✓ %1 · ✗ %2 · ? %3</translation>
    </message>
    <message>
        <source>No clip: select a track in the library or a region in the track view</source>
        <translation>Kein Clip: wählen Sie eine Spur in der Bibliothek oder einen Bereich in der Spuransicht</translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) selected: a key sets the label on all of them</source>
        <translation>
            <numerusform>%n Clip ausgewählt: eine Taste setzt das Label auf ihm</numerusform>
            <numerusform>%n Clips ausgewählt: eine Taste setzt das Label auf allen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, region %2–%3 s</source>
        <translation>%1, Bereich %2–%3 s</translation>
    </message>
    <message>
        <source>No active model: no scores to show</source>
        <translation>Kein aktives Modell: keine Werte</translation>
    </message>
    <message>
        <source>Scores: model %1 (Mean Teacher: the teacher&apos;s)</source>
        <translation>Werte: Modell %1 (Mean Teacher: die des Lehrers)</translation>
    </message>
    <message>
        <source>Scores: model %1</source>
        <translation>Werte: Modell %1</translation>
    </message>
    <message numerus="yes">
        <source>%1. %n label change(s) since it was trained.</source>
        <translation>
            <numerusform>%1. %n Label-Änderung seit dem Training.</numerusform>
            <numerusform>%1. %n Label-Änderungen seit dem Training.</numerusform>
        </translation>
    </message>
    <message>
        <source>The active model has no score for this instrument here</source>
        <translation>Das aktive Modell hat hier keinen Wert für dieses Instrument</translation>
    </message>
    <message>
        <source>No confident suggestion for an unknown label</source>
        <translation>Kein sicherer Vorschlag für ein unbekanntes Label</translation>
    </message>
    <message>
        <source>End of the review queue</source>
        <translation>Ende der Prüfliste</translation>
    </message>
    <message>
        <source>%1 is gone</source>
        <translation>%1 ist nicht mehr da</translation>
    </message>
    <message>
        <source>%1 is read-only</source>
        <translation>%1 ist schreibgeschützt</translation>
    </message>
    <message>
        <source>Label not saved: %1</source>
        <translation>Label nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>Nichts rückgängig zu machen</translation>
    </message>
    <message>
        <source>Nothing to redo</source>
        <translation>Nichts wiederherzustellen</translation>
    </message>
    <message numerus="yes">
        <source>%n label(s) changed by someone else since were left alone</source>
        <translation>
            <numerusform>%n Label, inzwischen von jemand anderem geändert, blieb unverändert</numerusform>
            <numerusform>%n Labels, inzwischen von jemand anderem geändert, blieben unverändert</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>&amp;Rückgängig: %1</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>&amp;Wiederherstellen: %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>%1 confirmed</source>
        <translation>%1 bestätigt</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::LibraryBrowser</name>
    <message>
        <source>Filter: text, or e.g. violin &gt; 0.7 and unlabelled</source>
        <translation>Filter: Text, oder z. B. violin &gt; 0.7 and unlabelled</translation>
    </message>
    <message>
        <source>Instruments</source>
        <translation>Instrumente</translation>
    </message>
    <message>
        <source>Choose the instruments shown as columns</source>
        <translation>Die Instrumente wählen, die als Spalten erscheinen</translation>
    </message>
    <message>
        <source>Most uncertain first: scores closest to 0.5 at the top</source>
        <translation>Unsicherste zuerst: Scores am nächsten an 0,5 oben</translation>
    </message>
    <message>
        <source>Most uncertain first:</source>
        <translation>Unsicherste zuerst:</translation>
    </message>
    <message>
        <source>Tracks</source>
        <translation>Spuren</translation>
    </message>
    <message>
        <source>Scan Problems</source>
        <translation>Leseprobleme</translation>
    </message>
    <message>
        <source>Reading the catalog…</source>
        <translation>Katalog wird gelesen…</translation>
    </message>
    <message>
        <source>Cannot read the catalog: %1</source>
        <translation>Der Katalog kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Tracks in the library: %1</source>
        <translation>Spuren in der Bibliothek: %1</translation>
    </message>
    <message>
        <source>Scan Problems (%1)</source>
        <translation>Leseprobleme (%1)</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Scores of model %1, which is no longer active.</source>
        <translation>Scores von Modell %1, das nicht mehr aktiv ist.</translation>
    </message>
    <message>
        <source>Scores of model %1: the active model %2 has not predicted yet (Library &gt; Predict).</source>
        <translation>Scores von Modell %1: das aktive Modell %2 hat noch keine Vorhersage gemacht (Bibliothek &gt; Vorhersagen).</translation>
    </message>
    <message>
        <source>The last prediction of model %1 did not finish; some scores may be older.</source>
        <translation>Die letzte Vorhersage von Modell %1 wurde nicht fertig; manche Scores können älter sein.</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n track(s)</source>
        <translation>
            <numerusform>%1 von %n Spur</numerusform>
            <numerusform>%1 von %n Spuren</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>timbre::widgets::OverviewStrip</name>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::PlaybackController</name>
    <message>
        <source>Playback: %1</source>
        <translation>Wiedergabe: %1</translation>
    </message>
    <message>
        <source>No audio device: playback is silent</source>
        <translation>Kein Audiogerät: die Wiedergabe ist stumm</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::ReviewPanel</name>
    <message>
        <source>Uncertain</source>
        <translation>Unsicher</translation>
    </message>
    <message>
        <source>Likely label errors</source>
        <translation>Wahrscheinliche Label-Fehler</translation>
    </message>
    <message>
        <source>Disagreement</source>
        <translation>Uneinigkeit</translation>
    </message>
    <message>
        <source>Unlabelled</source>
        <translation>Ohne Label</translation>
    </message>
    <message>
        <source>Uncertain: unknown labels the model is least sure of. Likely label errors: labels the model, trained without them, contradicts. Disagreement: where the active version and its parent differ most. Unlabelled: clips without any label.</source>
        <translation>Unsicher: unbekannte Labels, bei denen das Modell am wenigsten sicher ist. Wahrscheinliche Label-Fehler: Labels, denen das ohne sie trainierte Modell widerspricht. Uneinigkeit: wo die aktive Version und ihre Vorgängerin am stärksten abweichen. Ohne Label: Clips ganz ohne Label.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Rank the queue again with the current labels and scores</source>
        <translation>Die Warteschlange mit den aktuellen Labels und Scores neu ordnen</translation>
    </message>
    <message>
        <source>Clip</source>
        <translation>Clip</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrument</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Open a library to rank its clips for review.</source>
        <translation>Öffnen Sie eine Bibliothek, um ihre Clips zum Prüfen zu ordnen.</translation>
    </message>
    <message>
        <source>Ranking…</source>
        <translation>Wird geordnet…</translation>
    </message>
    <message>
        <source>Nothing to review in this queue.</source>
        <translation>In dieser Warteschlange gibt es nichts zu prüfen.</translation>
    </message>
    <message numerus="yes">
        <source>%n entries; Q in the label editor walks them.</source>
        <translation>
            <numerusform>%n Eintrag; Q im Label-Editor geht ihn durch.</numerusform>
            <numerusform>%n Einträge; Q im Label-Editor geht sie durch.</numerusform>
        </translation>
    </message>
    <message>
        <source>present</source>
        <translation>vorhanden</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>abwesend</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::ScanProblemsView</name>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>unreadable (no message)</source>
        <translation>nicht lesbar (ohne Meldung)</translation>
    </message>
    <message>
        <source>Every file of the library was read.</source>
        <translation>Jede Datei der Bibliothek wurde gelesen.</translation>
    </message>
    <message>
        <source>Files that could not be read: %1. Rescan after fixing them; they stay listed here until then.</source>
        <translation>Dateien, die nicht gelesen werden konnten: %1. Lesen Sie sie neu ein, wenn sie repariert sind; bis dahin bleiben sie hier aufgeführt.</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::ScoreDelegate</name>
    <message>
        <source>Score %1</source>
        <translation>Score %1</translation>
    </message>
    <message>
        <source>No score</source>
        <translation>Kein Score</translation>
    </message>
    <message>
        <source>labelled present</source>
        <translation>als vorhanden gelabelt</translation>
    </message>
    <message>
        <source>labelled absent</source>
        <translation>als abwesend gelabelt</translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>ungelabelt</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>%1 (active)</source>
        <translation>%1 (aktiv)</translation>
    </message>
    <message>
        <source>No model trained yet</source>
        <translation>Noch kein Modell trainiert</translation>
    </message>
    <message>
        <source>All cores (%1)</source>
        <translation>Alle Kerne (%1)</translation>
    </message>
    <message>
        <source>Audio folders:</source>
        <translation>Audio-Ordner:</translation>
    </message>
    <message>
        <source>Feature extractor:</source>
        <translation>Merkmalsextraktor:</translation>
    </message>
    <message>
        <source>Active model:</source>
        <translation>Aktives Modell:</translation>
    </message>
    <message>
        <source>Colour map:</source>
        <translation>Farbskala:</translation>
    </message>
    <message>
        <source>Worker threads:</source>
        <translation>Arbeits-Threads:</translation>
    </message>
    <message>
        <source>Add Audio Folder</source>
        <translation>Audio-Ordner hinzufügen</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::SpectrogramView</name>
    <message>
        <source>Open an audio file to see its spectrogram</source>
        <translation>Öffnen Sie eine Audiodatei, um ihr Spektrogramm zu sehen</translation>
    </message>
    <message>
        <source>Hz</source>
        <translation>Hz</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::TrackView</name>
    <message>
        <source>This file is not a track of the open library: no lanes</source>
        <translation>Diese Datei ist keine Spur der geöffneten Bibliothek: keine Bahnen</translation>
    </message>
    <message>
        <source>Open a library track to see where its instruments play</source>
        <translation>Öffnen Sie eine Spur der Bibliothek, um zu sehen, wo ihre Instrumente spielen</translation>
    </message>
    <message>
        <source>Cannot open %1</source>
        <translation>%1 kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>No library is open</source>
        <translation>Keine Bibliothek geöffnet</translation>
    </message>
    <message>
        <source>No track %1 in the library</source>
        <translation>Keine Spur %1 in der Bibliothek</translation>
    </message>
    <message>
        <source>Cannot read the audio file %1</source>
        <translation>Die Audiodatei %1 kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>Extract features and train a model to see lanes</source>
        <translation>Merkmale extrahieren und ein Modell trainieren, um Bahnen zu sehen</translation>
    </message>
    <message>
        <source>Computing where the instruments play (model %1)…</source>
        <translation>Berechne, wo die Instrumente spielen (Modell %1)…</translation>
    </message>
    <message>
        <source>No lanes: %1</source>
        <translation>Keine Bahnen: %1</translation>
    </message>
    <message>
        <source>Selected %1 s to %2 s; open a library track to keep regions as clips</source>
        <translation>%1 s bis %2 s ausgewählt; öffnen Sie eine Spur der Bibliothek, um Bereiche als Clips zu behalten</translation>
    </message>
    <message>
        <source>Cannot save the region: %1</source>
        <translation>Der Bereich kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Clip %1 created (%2 s to %3 s)</source>
        <translation>Clip %1 angelegt (%2 s bis %3 s)</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>No version %1 in the library</source>
        <translation>Keine Version %1 in der Bibliothek</translation>
    </message>
    <message>
        <source>Computing where the instruments play…</source>
        <translation>Berechne, wo die Instrumente spielen…</translation>
    </message>
    <message>
        <source>model %1 scores whole clips only: no instance lanes</source>
        <translation>Modell %1 bewertet nur ganze Clips: keine Instanzspuren</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::TransportBar</name>
    <message>
        <source>Play / pause (Space)</source>
        <translation>Wiedergabe / Pause (Leertaste)</translation>
    </message>
    <message>
        <source>Loop the selected region</source>
        <translation>Den ausgewählten Bereich wiederholen</translation>
    </message>
    <message>
        <source>Zoom in (+)</source>
        <translation>Vergrößern (+)</translation>
    </message>
    <message>
        <source>Zoom out (-)</source>
        <translation>Verkleinern (-)</translation>
    </message>
    <message>
        <source>Whole track</source>
        <translation>Ganze Spur</translation>
    </message>
    <message>
        <source>Show the whole track (0)</source>
        <translation>Die ganze Spur zeigen (0)</translation>
    </message>
    <message>
        <source>Colour map</source>
        <translation>Farbskala</translation>
    </message>
    <message>
        <source> dB</source>
        <translation> dB</translation>
    </message>
    <message>
        <source>Quietest level shown</source>
        <translation>Leisester gezeigter Pegel</translation>
    </message>
    <message>
        <source>Loudest level shown</source>
        <translation>Lautester gezeigter Pegel</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
</context>
</TS>
