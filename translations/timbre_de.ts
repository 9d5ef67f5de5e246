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
    <name>ModelDocks</name>
    <message numerus="yes">
        <source>retrained automatically after %n label edit(s)</source>
        <translation>
            <numerusform>automatisch nachtrainiert nach %n Label-Änderung</numerusform>
            <numerusform>automatisch nachtrainiert nach %n Label-Änderungen</numerusform>
        </translation>
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
    <message>
        <source>&amp;Train or Retrain…</source>
        <translation>Trainieren oder Nachtrainieren (&amp;Dialog)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>Choose the kind, the start and the settings of a training run on the library&apos;s labels</source>
        <translation>Art, Startpunkt und Einstellungen eines Trainingslaufs auf den Labels der Bibliothek wählen</translation>
    </message>
</context>
<context>
    <name>timbre::gui::ModelDocks</name>
    <message>
        <source>Training</source>
        <translation>Trainingslauf</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versionen</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>Ctrl+5</source>
        <translation>Ctrl+5</translation>
    </message>
    <message>
        <source>Ctrl+6</source>
        <translation>Ctrl+6</translation>
    </message>
    <message>
        <source>Ctrl+7</source>
        <translation>Ctrl+7</translation>
    </message>
    <message>
        <source>Retraining automatically on the new labels.</source>
        <translation>Automatisches Nachtrainieren auf den neuen Labels.</translation>
    </message>
    <message>
        <source>Cannot read the training history: %1</source>
        <translation>Der Trainingsverlauf kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1 was trained before training curves were stored.</source>
        <translation>%1 wurde trainiert, bevor Trainingskurven gespeichert wurden.</translation>
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
    <name>timbre::widgets::ActivationNames</name>
    <message>
        <source>When better on the test clips</source>
        <translation>Wenn besser auf den Test-Clips</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>Immer</translation>
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
    <message>
        <source>colour: overlapping instances&apos; score 0</source>
        <translation>Farbe: Score überlappender Instanzen 0</translation>
    </message>
    <message>
        <source>no overlapping instances: %1</source>
        <translation>keine überlappenden Instanzen: %1</translation>
    </message>
    <message>
        <source>No overlapping instances: %1</source>
        <translation>Keine überlappenden Instanzen: %1</translation>
    </message>
    <message>
        <source>Overlapping instances</source>
        <translation>Überlappende Instanzen</translation>
    </message>
    <message>
        <source>Bar height: score</source>
        <translation>Balkenhöhe: Score</translation>
    </message>
    <message>
        <source>Draws each bar as high as its score instead of its attention weight: where the instrument sounds rather than what the clip score rests on</source>
        <translation>Zeichnet jeden Balken so hoch wie seinen Score statt seines Attention-Gewichts: wo das Instrument klingt, nicht worauf der Clip-Score beruht</translation>
    </message>
    <message>
        <source>height: score</source>
        <translation>Höhe: Score</translation>
    </message>
    <message>
        <source>Colours each instance by its score blended with those of instances shifted by half an instance (decodes the track again)</source>
        <translation>Färbt jede Instanz nach ihrem Score, gemittelt mit denen der um eine halbe Instanz verschobenen Instanzen (dekodiert die Spur erneut)</translation>
    </message>
    <message>
        <source>colour: overlapping instances&apos; score with loudness 0</source>
        <translation>Farbe: Score überlappender Instanzen mit Lautstärke 0</translation>
    </message>
    <message>
        <source>colour: instance score with loudness 0</source>
        <translation>Farbe: Instanz-Score mit Lautstärke 0</translation>
    </message>
    <message>
        <source>No overlapping instances or loudness: %1</source>
        <translation>Keine überlappenden Instanzen, keine Lautstärke: %1</translation>
    </message>
    <message>
        <source>no overlapping instances or loudness: %1</source>
        <translation>keine überlappenden Instanzen, keine Lautstärke: %1</translation>
    </message>
    <message>
        <source>No loudness: %1</source>
        <translation>Keine Lautstärke: %1</translation>
    </message>
    <message>
        <source>no loudness: %1</source>
        <translation>keine Lautstärke: %1</translation>
    </message>
    <message>
        <source>Follow the loudness</source>
        <translation>Lautstärke berücksichtigen</translation>
    </message>
    <message>
        <source>Moves each instance&apos;s score by how much louder or quieter than the track&apos;s mean it is: an instrument that joins makes the mix louder (decodes the track again)</source>
        <translation>Verschiebt den Score jeder Instanz danach, wie viel lauter oder leiser sie als der Mittelwert der Spur ist: ein hinzukommendes Instrument macht die Mischung lauter (dekodiert die Spur erneut)</translation>
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
    <name>timbre::widgets::ComparisonTableModel</name>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>AUROC</source>
        <translation>AUROC</translation>
    </message>
    <message>
        <source>AP</source>
        <translation>AP</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Trefferquote</translation>
    </message>
    <message>
        <source>overall</source>
        <translation>gesamt</translation>
    </message>
    <message>
        <source>No evaluated clip has a known label.</source>
        <translation>Kein ausgewerteter Clip hat ein bekanntes Label.</translation>
    </message>
    <message>
        <source>No evaluated clip has a known label of %1.</source>
        <translation>Kein ausgewerteter Clip hat ein bekanntes Label für %1.</translation>
    </message>
    <message>
        <source>AUROC needs clips labelled present and absent; every known label of %1 is present.</source>
        <translation>AUROC braucht Clips, die als vorhanden und als abwesend gelabelt sind; jedes bekannte Label für %1 ist vorhanden.</translation>
    </message>
    <message>
        <source>This version has no output for %1.</source>
        <translation>Diese Version hat keine Ausgabe für %1.</translation>
    </message>
    <message numerus="yes">
        <source>None of the %n evaluated clip(s) has a known label, so no metric is defined. Label some of them, or compare on all clips.</source>
        <translation>
            <numerusform>Der %n ausgewertete Clip hat kein bekanntes Label, daher ist keine Kennzahl definiert. Labeln Sie ihn, oder vergleichen Sie auf allen Clips.</numerusform>
            <numerusform>Keiner der %n ausgewerteten Clips hat ein bekanntes Label, daher ist keine Kennzahl definiert. Labeln Sie einige davon, oder vergleichen Sie auf allen Clips.</numerusform>
        </translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrument</translation>
    </message>
    <message>
        <source>Known labels on the evaluated clips</source>
        <translation>Bekannte Labels auf den ausgewerteten Clips</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Labels that say present</source>
        <translation>Labels, die „vorhanden“ sagen</translation>
    </message>
    <message>
        <source>Positives</source>
        <translation>Positive</translation>
    </message>
    <message>
        <source>%1 of %2 minus %1 of %3</source>
        <translation>%1 von %2 minus %1 von %3</translation>
    </message>
    <message>
        <source>AUROC needs clips labelled present and absent; no clip has %1 labelled present.</source>
        <translation>AUROC braucht Clips, die als vorhanden und als abwesend gelabelt sind; bei keinem Clip ist %1 als vorhanden gelabelt.</translation>
    </message>
    <message>
        <source>AP needs clips labelled present; no clip has %1 labelled present.</source>
        <translation>AP braucht Clips, die als vorhanden gelabelt sind; bei keinem Clip ist %1 als vorhanden gelabelt.</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::DisagreementPanel</name>
    <message>
        <source>Instrument:</source>
        <translation>Instrument:</translation>
    </message>
    <message>
        <source>All instruments</source>
        <translation>Alle Instrumente</translation>
    </message>
    <message>
        <source>Disagreements need two versions.</source>
        <translation>Abweichungen brauchen zwei Versionen.</translation>
    </message>
    <message>
        <source>%1 and %2 know no instrument in common.</source>
        <translation>%1 und %2 haben kein Instrument gemeinsam.</translation>
    </message>
    <message>
        <source>Where %1 and %2 differ most, largest difference first. Enter or a double-click opens the track with both versions&apos; lanes.</source>
        <translation>Wo %1 und %2 am stärksten abweichen, größte Differenz zuerst. Eingabetaste oder Doppelklick öffnet die Spur mit den Bahnen beider Versionen.</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::DisagreementTableModel</name>
    <message>
        <source>track %1</source>
        <translation>Spur %1</translation>
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
        <source>Track</source>
        <translation>Spur</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrument</translation>
    </message>
    <message>
        <source>Score %1</source>
        <translation>Score %1</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Differenz</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
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
    <name>timbre::widgets::InstrumentMetricsModel</name>
    <message>
        <source>Precision, macro over the present and absent class (threshold 0.5)</source>
        <translation>Precision, Makromittel über die Klassen vorhanden und abwesend (Schwelle 0,5)</translation>
    </message>
    <message>
        <source>Recall, macro over the present and absent class (threshold 0.5)</source>
        <translation>Recall, Makromittel über die Klassen vorhanden und abwesend (Schwelle 0,5)</translation>
    </message>
    <message>
        <source>F1, macro over the present and absent class (threshold 0.5)</source>
        <translation>F1, Makromittel über die Klassen vorhanden und abwesend (Schwelle 0,5)</translation>
    </message>
    <message>
        <source>Area under the ROC curve</source>
        <translation>Fläche unter der ROC-Kurve</translation>
    </message>
    <message>
        <source>Average precision</source>
        <translation>Average Precision</translation>
    </message>
    <message>
        <source>Held-out clips labelled present</source>
        <translation>Zurückgehaltene Clips, als vorhanden gelabelt</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrument</translation>
    </message>
    <message>
        <source>P</source>
        <translation>P</translation>
    </message>
    <message>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>AUROC</source>
        <translation>AUROC</translation>
    </message>
    <message>
        <source>AP</source>
        <translation>AP</translation>
    </message>
    <message>
        <source>Positives</source>
        <translation>Positive</translation>
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
    <message>
        <source>A&amp;greement</source>
        <translation>Ü&amp;bereinstimmung</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrument</translation>
    </message>
    <message>
        <source>Clips</source>
        <translation>Clips</translation>
    </message>
    <message>
        <source>Annotators</source>
        <translation>Annotierende</translation>
    </message>
    <message>
        <source>Fleiss&apos; κ</source>
        <translation>Fleiss-κ</translation>
    </message>
    <message>
        <source>Pairs (Cohen&apos;s κ)</source>
        <translation>Paare (Cohens κ)</translation>
    </message>
    <message>
        <source>No clip has been labelled by two annotators yet. Each person&apos;s labels are kept beside the adjudicated one; once two have judged the same clips, their agreement shows here.</source>
        <translation>Noch kein Clip wurde von zwei Annotierenden gelabelt. Die Labels jeder Person werden neben dem entschiedenen Label aufbewahrt; sobald zwei dieselben Clips beurteilt haben, steht ihre Übereinstimmung hier.</translation>
    </message>
    <message>
        <source>Agreement beyond chance on the clips two or more annotators labelled: 1 = always the same, 0 = no better than chance, below 0 = worse.</source>
        <translation>Übereinstimmung über den Zufall hinaus auf den Clips, die zwei oder mehr Annotierende gelabelt haben: 1 = immer gleich, 0 = nicht besser als Zufall, unter 0 = schlechter.</translation>
    </message>
    <message numerus="yes">
        <source>%1–%2: %3 (%n clip(s))</source>
        <translation>
            <numerusform>%1–%2: %3 (%n Clip)</numerusform>
            <numerusform>%1–%2: %3 (%n Clips)</numerusform>
        </translation>
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
        <translation>abwesend ≤</translation>
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
        <translation>Tasten: die Taste eines Instruments wählt es · P vorhanden · A abwesend · U unbekannt · Y Vorschlag des Modells übernehmen · Umschalt+Y alle sicheren übernehmen · N / Umschalt+N nächster / vorheriger Clip · Q nächster der Warteschlange · Strg+Z rückgängig · Strg+Umschalt+Z wiederherstellen</translation>
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
        <translation>✗ abwesend</translation>
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
        <translation>Das Modell schlägt „abwesend“ vor</translation>
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
        <source>%1 changed it meanwhile</source>
        <translation>%1 hat es inzwischen geändert</translation>
    </message>
    <message>
        <source>%1 confirmed</source>
        <translation>%1 bestätigt</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::SaveStateLabel</name>
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
</context>
<context>
    <name>timbre::widgets::LabelConflictBar</name>
    <message>
        <source>Keep mine</source>
        <translation>Meine behalten</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>Ihre übernehmen</translation>
    </message>
    <message>
        <source>present</source>
        <translation>vorhanden</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>nicht vorhanden</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>Jemand</translation>
    </message>
    <message>
        <source>%1 set %2 to %3 while you were editing; yours: %4.</source>
        <translation>%1 hat %2 auf „%3“ gesetzt, während Sie bearbeitet haben; Ihre Angabe: „%4“.</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::LabelEfficiencyChart</name>
    <message>
        <source>Test AUROC against labels seen, along the lineage</source>
        <translation>Test-AUROC über gesehenen Labels, entlang der Abstammung</translation>
    </message>
    <message numerus="yes">
        <source>%n version(s) in the lineage of the chosen ones.</source>
        <translation>
            <numerusform>%n Version in der Abstammung der gewählten.</numerusform>
            <numerusform>%n Versionen in der Abstammung der gewählten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n version(s) left out: trained before the labels seen were recorded (%1).</source>
        <translation>
            <numerusform>%n Version ausgelassen: trainiert, bevor die gesehenen Labels erfasst wurden (%1).</numerusform>
            <numerusform>%n Versionen ausgelassen: trainiert, bevor die gesehenen Labels erfasst wurden (%1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n version(s) left out: no test AUROC stored (%1).</source>
        <translation>
            <numerusform>%n Version ausgelassen: kein Test-AUROC gespeichert (%1).</numerusform>
            <numerusform>%n Versionen ausgelassen: kein Test-AUROC gespeichert (%1).</numerusform>
        </translation>
    </message>
    <message>
        <source>No version of the lineage has both numbers: nothing to draw.</source>
        <translation>Keine Version der Abstammung hat beide Zahlen: nichts zu zeichnen.</translation>
    </message>
    <message>
        <source>Labels seen (known present / absent labels in the training set)</source>
        <translation>Gesehene Labels (bekannte Labels vorhanden / abwesend in den Trainingsdaten)</translation>
    </message>
    <message>
        <source>Test AUROC (%)</source>
        <translation>Test-AUROC (%)</translation>
    </message>
    <message>
        <source>%1: %2 labels seen, test AUROC %3</source>
        <translation>%1: %2 gesehene Labels, Test-AUROC %3</translation>
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
    <message>
        <source>Show All Tracks</source>
        <translation>Alle Spuren zeigen</translation>
    </message>
    <message>
        <source>Lift the restriction to these tracks</source>
        <translation>Die Beschränkung auf diese Spuren aufheben</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::MetricBarsChart</name>
    <message>
        <source>%1 per instrument, in percent</source>
        <translation>%1 je Instrument, in Prozent</translation>
    </message>
    <message>
        <source>%1, %2: %3 %4</source>
        <translation>%1, %2: %3 %4</translation>
    </message>
    <message>
        <source>Click to list this version&apos;s errors in the browser.</source>
        <translation>Klicken, um die Fehler dieser Version im Browser aufzulisten.</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::ModelComparisonView</name>
    <message>
        <source>Versions to compare (two or more; the first two checked are compared clip by clip):</source>
        <translation>Zu vergleichende Versionen (zwei oder mehr; die ersten beiden angehakten werden Clip für Clip verglichen):</translation>
    </message>
    <message>
        <source>Clips:</source>
        <translation>Clips:</translation>
    </message>
    <message>
        <source>Test clips</source>
        <translation>Testclips</translation>
    </message>
    <message>
        <source>All clips</source>
        <translation>Alle Clips</translation>
    </message>
    <message>
        <source>The held-out test clips (never trained on), or every clip of the library (training clips flatter the versions trained on them)</source>
        <translation>Die zurückgehaltenen Testclips (nie trainiert) oder alle Clips der Bibliothek (Trainingsclips schmeicheln den Versionen, die auf ihnen trainiert wurden)</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>&amp;Vergleichen</translation>
    </message>
    <message>
        <source>Evaluate the checked versions on the chosen clips, as `timbre evaluate --library` does</source>
        <translation>Die angehakten Versionen auf den gewählten Clips auswerten, wie `timbre evaluate --library` es tut</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Kennzahlen</translation>
    </message>
    <message>
        <source>ROC Curves</source>
        <translation>ROC-Kurven</translation>
    </message>
    <message>
        <source>Label Efficiency</source>
        <translation>Label-Effizienz</translation>
    </message>
    <message>
        <source>Disagreements</source>
        <translation>Abweichungen</translation>
    </message>
    <message numerus="yes">
        <source>Evaluating %n version(s)…</source>
        <translation>
            <numerusform>Werte %n Version aus…</numerusform>
            <numerusform>Werte %n Versionen aus…</numerusform>
        </translation>
    </message>
    <message>
        <source>Metric:</source>
        <translation>Kennzahl:</translation>
    </message>
    <message>
        <source>Instrument:</source>
        <translation>Instrument:</translation>
    </message>
    <message>
        <source>Labels changed since this comparison: compare again to see the numbers on the current labels.</source>
        <translation>Die Labels haben sich seit diesem Vergleich geändert: vergleichen Sie erneut, um die Zahlen zu den aktuellen Labels zu sehen.</translation>
    </message>
    <message>
        <source>No library is open.</source>
        <translation>Keine Bibliothek geöffnet.</translation>
    </message>
    <message>
        <source>Cannot read the model versions: %1</source>
        <translation>Die Modellversionen können nicht gelesen werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>The library has %n model version(s): train another one (Library &gt; Retrain Model) to compare them.</source>
        <translation>
            <numerusform>Die Bibliothek hat %n Modellversion: trainieren Sie eine weitere (Bibliothek &gt; Modell nachtrainieren), um sie zu vergleichen.</numerusform>
            <numerusform>Die Bibliothek hat %n Modellversionen: trainieren Sie eine weitere (Bibliothek &gt; Modell nachtrainieren), um sie zu vergleichen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Check two or more versions to compare them.</source>
        <translation>Haken Sie zwei oder mehr Versionen an, um sie zu vergleichen.</translation>
    </message>
    <message>
        <source>Click a bar to list that version&apos;s errors in the browser.</source>
        <translation>Klicken Sie auf einen Balken, um die Fehler dieser Version im Browser aufzulisten.</translation>
    </message>
    <message>
        <source>Cannot compare: %1</source>
        <translation>Vergleich nicht möglich: %1</translation>
    </message>
    <message>
        <source>Mark some clips as test clips, or compare on all clips.</source>
        <translation>Markieren Sie einige Clips als Testclips, oder vergleichen Sie auf allen Clips.</translation>
    </message>
    <message numerus="yes">
        <source>%n test clip(s) evaluated: %1.</source>
        <translation>
            <numerusform>%n Testclip ausgewertet: %1.</numerusform>
            <numerusform>%n Testclips ausgewertet: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) evaluated (all clips): %1.</source>
        <translation>
            <numerusform>%n Clip ausgewertet (alle Clips): %1.</numerusform>
            <numerusform>%n Clips ausgewertet (alle Clips): %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) skipped: no readable features.</source>
        <translation>
            <numerusform>%n Clip übersprungen: keine lesbaren Merkmale.</numerusform>
            <numerusform>%n Clips übersprungen: keine lesbaren Merkmale.</numerusform>
        </translation>
    </message>
    <message>
        <source>— = undefined. %1</source>
        <translation>— = undefiniert. %1</translation>
    </message>
    <message>
        <source>test clips</source>
        <translation>Testclips</translation>
    </message>
    <message>
        <source>all clips</source>
        <translation>alle Clips</translation>
    </message>
    <message numerus="yes">
        <source>Errors of %1 on any instrument (%2): %n track(s)</source>
        <translation>
            <numerusform>Fehler von %1 bei irgendeinem Instrument (%2): %n Spur</numerusform>
            <numerusform>Fehler von %1 bei irgendeinem Instrument (%2): %n Spuren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Errors of %1 on %2 (%3): %n track(s)</source>
        <translation>
            <numerusform>Fehler von %1 bei %2 (%3): %n Spur</numerusform>
            <numerusform>Fehler von %1 bei %2 (%3): %n Spuren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 is wrong on %n clip(s) at threshold 0.5, on any instrument: %2 false positives, %3 false negatives.</source>
        <translation>
            <numerusform>%1 liegt beim Schwellenwert 0,5 auf %n Clip falsch, bei irgendeinem Instrument: %2 falsch positiv, %3 falsch negativ.</numerusform>
            <numerusform>%1 liegt beim Schwellenwert 0,5 auf %n Clips falsch, bei irgendeinem Instrument: %2 falsch positiv, %3 falsch negativ.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 is wrong on %n clip(s) of %2 at threshold 0.5: %3 false positives, %4 false negatives.</source>
        <translation>
            <numerusform>%1 liegt beim Schwellenwert 0,5 auf %n Clip mit %2 falsch: %3 falsch positiv, %4 falsch negativ.</numerusform>
            <numerusform>%1 liegt beim Schwellenwert 0,5 auf %n Clips mit %2 falsch: %3 falsch positiv, %4 falsch negativ.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to list.</source>
        <translation>Nichts aufzulisten.</translation>
    </message>
    <message>
        <source>Listed in the library browser.</source>
        <translation>Im Bibliotheks-Browser aufgelistet.</translation>
    </message>
    <message>
        <source>Show instruments without labels</source>
        <translation>Instrumente ohne Labels zeigen</translation>
    </message>
    <message>
        <source>Instruments no evaluated clip has a known label of: every metric of theirs is undefined</source>
        <translation>Instrumente, für die kein ausgewerteter Clip ein bekanntes Label hat: jede ihrer Kennzahlen ist undefiniert</translation>
    </message>
    <message numerus="yes">
        <source>— = undefined for %n instrument(s); hover here for why.</source>
        <translation>
            <numerusform>— = undefiniert für %n Instrument; Mauszeiger hierher für den Grund.</numerusform>
            <numerusform>— = undefiniert für %n Instrumente; Mauszeiger hierher für die Gründe.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>timbre::widgets::ModelLineageModel</name>
    <message>
        <source>Version %1 “%2”</source>
        <translation>Version %1 „%2“</translation>
    </message>
    <message>
        <source>The active version: the library&apos;s predictions are its.</source>
        <translation>Die aktive Version: von ihr stammen die Vorhersagen der Bibliothek.</translation>
    </message>
    <message>
        <source>Trained from “%1”</source>
        <translation>Trainiert ab „%1“</translation>
    </message>
    <message>
        <source>Checkpoint: %1</source>
        <translation>Checkpoint: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n known label(s) in its training set</source>
        <translation>
            <numerusform>%n bekanntes Label in ihren Trainingsdaten</numerusform>
            <numerusform>%n bekannte Labels in ihren Trainingsdaten</numerusform>
        </translation>
    </message>
    <message>
        <source>Not recorded for this version</source>
        <translation>Für diese Version nicht erfasst</translation>
    </message>
    <message numerus="yes">
        <source>%n label change(s) since its training set was taken</source>
        <translation>
            <numerusform>%n Label-Änderung seit dem Stand ihrer Trainingsdaten</numerusform>
            <numerusform>%n Label-Änderungen seit dem Stand ihrer Trainingsdaten</numerusform>
        </translation>
    </message>
    <message>
        <source>No test clips when it was trained</source>
        <translation>Beim Training gab es keine Test-Clips</translation>
    </message>
    <message numerus="yes">
        <source>On %n test clip(s): AUROC %1, F1 %2, precision %3, recall %4, mAP %5</source>
        <translation>
            <numerusform>Auf %n Test-Clip: AUROC %1, F1 %2, Precision %3, Recall %4, mAP %5</numerusform>
            <numerusform>Auf %n Test-Clips: AUROC %1, F1 %2, Precision %3, Recall %4, mAP %5</numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Extractor</source>
        <translation>Extraktor</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Labels
seen</source>
        <translation>Gesehene
Labels</translation>
    </message>
    <message>
        <source>Changed
since</source>
        <translation>Geändert
seitdem</translation>
    </message>
    <message>
        <source>Test
AUROC</source>
        <translation>Test-
AUROC</translation>
    </message>
    <message>
        <source>Test
F1</source>
        <translation>Test-
F1</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Known present / absent labels in the version&apos;s training set</source>
        <translation>Bekannte Labels (vorhanden / abwesend) in den Trainingsdaten der Version</translation>
    </message>
    <message>
        <source>Label changes made after the version&apos;s training set was taken</source>
        <translation>Label-Änderungen nach dem Stand der Trainingsdaten der Version</translation>
    </message>
    <message>
        <source>Mean AUROC over the instruments on the test clips when it was trained</source>
        <translation>Mittlere AUROC über die Instrumente auf den Test-Clips beim Training</translation>
    </message>
    <message>
        <source>Mean F1 on the test clips when it was trained</source>
        <translation>Mittlerer F1-Wert auf den Test-Clips beim Training</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::ModelLineageView</name>
    <message>
        <source>Set Active</source>
        <translation>Aktiv setzen</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>Aktivieren</translation>
    </message>
    <message>
        <source>Make the selected version the one the library follows</source>
        <translation>Die ausgewählte Version zu der machen, der die Bibliothek folgt</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Rename the selected version</source>
        <translation>Die ausgewählte Version umbenennen</translation>
    </message>
    <message>
        <source>Edit Note…</source>
        <translation>Notiz bearbeiten…</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Edit the selected version&apos;s note</source>
        <translation>Die Notiz der ausgewählten Version bearbeiten</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete the selected version with its checkpoint and predictions</source>
        <translation>Die ausgewählte Version mit Checkpoint und Vorhersagen löschen</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <source>Compare the selected versions (one selected: with its parent)</source>
        <translation>Die ausgewählten Versionen vergleichen (eine ausgewählt: mit ihrer Vorgängerin)</translation>
    </message>
    <message>
        <source>Show Training Curves</source>
        <translation>Trainingskurven zeigen</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>Kurven</translation>
    </message>
    <message>
        <source>Show the selected version&apos;s training curves</source>
        <translation>Die Trainingskurven der ausgewählten Version zeigen</translation>
    </message>
    <message>
        <source>Export Checkpoint…</source>
        <translation>Checkpoint exportieren…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Save a copy of the selected version&apos;s checkpoint file</source>
        <translation>Eine Kopie der Checkpoint-Datei der ausgewählten Version speichern</translation>
    </message>
    <message>
        <source>Import Checkpoint…</source>
        <translation>Checkpoint importieren…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Add a checkpoint file as a new version (not made active)</source>
        <translation>Eine Checkpoint-Datei als neue Version hinzufügen (wird nicht aktiv)</translation>
    </message>
    <message>
        <source>Cannot read the model versions: %1</source>
        <translation>Die Modellversionen können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The active version cannot be deleted: activate another one first</source>
        <translation>Die aktive Version kann nicht gelöscht werden: zuerst eine andere aktivieren</translation>
    </message>
    <message>
        <source>“%1” is now the active version.</source>
        <translation>„%1“ ist jetzt die aktive Version.</translation>
    </message>
    <message>
        <source>Cannot activate “%1”: %2</source>
        <translation>„%1“ kann nicht aktiviert werden: %2</translation>
    </message>
    <message>
        <source>Renamed “%1” to “%2”.</source>
        <translation>„%1“ in „%2“ umbenannt.</translation>
    </message>
    <message>
        <source>Cannot rename “%1”: another version is called “%2”.</source>
        <translation>„%1“ kann nicht umbenannt werden: eine andere Version heißt „%2“.</translation>
    </message>
    <message>
        <source>Cannot rename “%1”: %2</source>
        <translation>„%1“ kann nicht umbenannt werden: %2</translation>
    </message>
    <message>
        <source>Note of “%1” saved.</source>
        <translation>Notiz von „%1“ gespeichert.</translation>
    </message>
    <message>
        <source>Cannot save the note of “%1”: %2</source>
        <translation>Die Notiz von „%1“ kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Delete version “%1”?

Its checkpoint file %2 and its predictions are removed from the library. This cannot be undone.</source>
        <translation>Version „%1“ löschen?

Ihre Checkpoint-Datei %2 und ihre Vorhersagen werden aus der Bibliothek entfernt. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Delete Version</source>
        <translation>Version löschen</translation>
    </message>
    <message>
        <source>Cannot delete “%1”: %2</source>
        <translation>„%1“ kann nicht gelöscht werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>Deleted “%1” and %n file(s).</source>
        <translation>
            <numerusform>„%1“ und %n Datei gelöscht.</numerusform>
            <numerusform>„%1“ und %n Dateien gelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Deleted “%1”, but some files remain: %2</source>
        <translation>„%1“ gelöscht, aber einige Dateien sind geblieben: %2</translation>
    </message>
    <message>
        <source>Export Checkpoint</source>
        <translation>Checkpoint exportieren</translation>
    </message>
    <message>
        <source>Timbre checkpoints (*.ckpt);;All files (*)</source>
        <translation>Timbre-Checkpoints (*.ckpt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Exported “%1” to %2.</source>
        <translation>„%1“ nach %2 exportiert.</translation>
    </message>
    <message>
        <source>Cannot export “%1”: %2</source>
        <translation>„%1“ kann nicht exportiert werden: %2</translation>
    </message>
    <message>
        <source>Import Checkpoint</source>
        <translation>Checkpoint importieren</translation>
    </message>
    <message>
        <source>Imported %1 as “%2”. It is not active: choose Set Active to use it.</source>
        <translation>%1 als „%2“ importiert. Sie ist nicht aktiv: „Aktiv setzen“ wählen, um sie zu verwenden.</translation>
    </message>
    <message>
        <source>Cannot import the checkpoint: %1</source>
        <translation>Der Checkpoint kann nicht importiert werden: %1</translation>
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
    <name>timbre::widgets::RetrainDialog</name>
    <message>
        <source>Retrain Model</source>
        <translation>Modell nachtrainieren</translation>
    </message>
    <message>
        <source>Mean Teacher (semi-supervised attention)</source>
        <translation>Mean Teacher (teilüberwachte Attention)</translation>
    </message>
    <message>
        <source>Attention MIL (ATT)</source>
        <translation>Attention-MIL (ATT)</translation>
    </message>
    <message>
        <source>Mean-pooled instance scores (FC_T)</source>
        <translation>Gemittelte Instanz-Scores (FC_T)</translation>
    </message>
    <message>
        <source>Fully connected (FC)</source>
        <translation>Vollständig verbunden (FC)</translation>
    </message>
    <message>
        <source>Bidirectional GRU (RNN)</source>
        <translation>Bidirektionale GRU (RNN)</translation>
    </message>
    <message>
        <source>Deep generative model (DGM, semi-supervised)</source>
        <translation>Tiefes generatives Modell (DGM, teilüberwacht)</translation>
    </message>
    <message>
        <source>Random forests (RF-BR)</source>
        <translation>Random Forests (RF-BR)</translation>
    </message>
    <message>
        <source>From scratch</source>
        <translation>Von Grund auf</translation>
    </message>
    <message>
        <source>Weight beta of the consistency term between student and teacher (Mean Teacher)</source>
        <translation>Gewicht beta des Konsistenzterms zwischen Schüler und Lehrer (Mean Teacher)</translation>
    </message>
    <message>
        <source>How slowly the teacher follows the student: teacher = alpha · teacher + (1 − alpha) · student after every step</source>
        <translation>Wie langsam der Lehrer dem Schüler folgt: Lehrer = alpha · Lehrer + (1 − alpha) · Schüler nach jedem Schritt</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>Start:</source>
        <translation>Start:</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>Epochen:</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>Lernrate:</translation>
    </message>
    <message>
        <source>Consistency weight (beta):</source>
        <translation>Konsistenzgewicht (beta):</translation>
    </message>
    <message>
        <source>Teacher EMA decay (alpha):</source>
        <translation>EMA-Zerfall des Lehrers (alpha):</translation>
    </message>
    <message>
        <source>Make it the active version:</source>
        <translation>Zur aktiven Version machen:</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <source>Start Training</source>
        <translation>Training starten</translation>
    </message>
    <message>
        <source>Epochs over which the consistency weight rises to beta; 0 = full weight from the first step</source>
        <translation>Epochen, über die das Konsistenzgewicht auf beta steigt; 0 = volles Gewicht ab dem ersten Schritt</translation>
    </message>
    <message>
        <source>Share of the training clips held out to pick the best epoch; 0 = keep the last epoch</source>
        <translation>Anteil der Trainings-Clips, der zur Wahl der besten Epoche zurückgehalten wird; 0 = letzte Epoche behalten</translation>
    </message>
    <message>
        <source>All cores (%1)</source>
        <translation>Alle Kerne (%1)</translation>
    </message>
    <message>
        <source>retrained in the workbench</source>
        <translation>in der Workbench nachtrainiert</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>Batchgröße:</translation>
    </message>
    <message>
        <source>Consistency ramp (epochs):</source>
        <translation>Konsistenzrampe (Epochen):</translation>
    </message>
    <message>
        <source>Validation fraction:</source>
        <translation>Validierungsanteil:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>Threads:</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Notiz:</translation>
    </message>
    <message>
        <source>Continue from the active version %1 (warm start)</source>
        <translation>Von der aktiven Version %1 aus weitertrainieren (Warmstart)</translation>
    </message>
    <message>
        <source>Continue from the active version (there is none yet)</source>
        <translation>Von der aktiven Version aus weitertrainieren (es gibt noch keine)</translation>
    </message>
    <message>
        <source>The active version is a %1 model: a %2 model cannot continue from it</source>
        <translation>Die aktive Version ist ein %1-Modell: ein %2-Modell kann nicht von ihr aus weitertrainieren</translation>
    </message>
    <message>
        <source>trained in the workbench</source>
        <translation>in der Workbench trainiert</translation>
    </message>
    <message>
        <source>The library&apos;s labels could not be read: %1</source>
        <translation>Die Labels der Bibliothek konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Counting the labelled clips…</source>
        <translation>Gelabelte Clips werden gezählt…</translation>
    </message>
    <message numerus="yes">
        <source>The run will see %n labelled clip(s)</source>
        <translation>
            <numerusform>Der Lauf sieht %n gelabelten Clip</numerusform>
            <numerusform>Der Lauf sieht %n gelabelte Clips</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>of %n clip(s) to train on</source>
        <translation>
            <numerusform>von %n Clip zum Trainieren</numerusform>
            <numerusform>von %n Clips zum Trainieren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n label edit(s) made since %1.</source>
        <translation>
            <numerusform>und %n Label-Änderung seit %1.</numerusform>
            <numerusform>und %n Label-Änderungen seit %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n test clip(s) are only scored.</source>
        <translation>
            <numerusform>%n Test-Clip wird nur bewertet.</numerusform>
            <numerusform>%n Test-Clips werden nur bewertet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Edits made while it runs count for the next run.</source>
        <translation>Änderungen während des Laufs zählen für den nächsten.</translation>
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
    <name>timbre::widgets::RocChart</name>
    <message>
        <source>False positive rate</source>
        <translation>Falsch-Positiv-Rate</translation>
    </message>
    <message>
        <source>True positive rate</source>
        <translation>Richtig-Positiv-Rate</translation>
    </message>
    <message>
        <source>Chance</source>
        <translation>Zufall</translation>
    </message>
    <message>
        <source>ROC of %1</source>
        <translation>ROC von %1</translation>
    </message>
    <message>
        <source>ROC of %1 (none for %2: the evaluated clips need labels present and absent)</source>
        <translation>ROC von %1 (keine für %2: die ausgewerteten Clips brauchen Labels vorhanden und abwesend)</translation>
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
    <message>
        <source>Whether a retrained version replaces the active one: always, only when its test AUROC is higher, or never (then choose it yourself in the lineage)</source>
        <translation>Ob eine nachtrainierte Version die aktive ersetzt: immer, nur wenn ihre Test-AUROC höher ist, oder nie (dann wählen Sie sie selbst im Stammbaum)</translation>
    </message>
    <message>
        <source>Retrain automatically while labelling</source>
        <translation>Beim Labeln automatisch nachtrainieren</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Waits this long after the last edit, so that a burst of edits starts one retrain</source>
        <translation>Wartet so lange nach der letzten Änderung, damit eine Folge von Änderungen ein einziges Nachtrainieren startet</translation>
    </message>
    <message>
        <source>After label edits:</source>
        <translation>Nach Label-Änderungen:</translation>
    </message>
    <message>
        <source>Quiet period:</source>
        <translation>Ruhezeit:</translation>
    </message>
    <message>
        <source>Retrained version becomes active:</source>
        <translation>Nachtrainierte Version wird aktiv:</translation>
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
    <message>
        <source>No overlapping instances: %1</source>
        <translation>Keine überlappenden Instanzen: %1</translation>
    </message>
    <message>
        <source>No overlapping instances or loudness: %1</source>
        <translation>Keine überlappenden Instanzen, keine Lautstärke: %1</translation>
    </message>
    <message>
        <source>No loudness: %1</source>
        <translation>Keine Lautstärke: %1</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::TrainingCharts</name>
    <message>
        <source>Training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>Validierungsverlust</translation>
    </message>
    <message>
        <source>Held-out F1 and AUROC</source>
        <translation>F1 und AUROC auf zurückgehaltenen Clips</translation>
    </message>
    <message>
        <source>Supervised (BCE)</source>
        <translation>Überwacht (BCE)</translation>
    </message>
    <message>
        <source>Consistency</source>
        <translation>Konsistenz</translation>
    </message>
    <message>
        <source>Consistency weight (right)</source>
        <translation>Konsistenzgewicht (rechts)</translation>
    </message>
    <message>
        <source>Improved</source>
        <translation>Verbessert</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>AUROC</source>
        <translation>AUROC</translation>
    </message>
    <message>
        <source>Validation loss (no validation split)</source>
        <translation>Validierungsverlust (keine Validierungsmenge)</translation>
    </message>
    <message numerus="yes">
        <source>%n test clip(s)</source>
        <translation>
            <numerusform>%n Test-Clip</numerusform>
            <numerusform>%n Test-Clips</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n validation clip(s)</source>
        <translation>
            <numerusform>%n Validierungs-Clip</numerusform>
            <numerusform>%n Validierungs-Clips</numerusform>
        </translation>
    </message>
    <message>
        <source>F1 and AUROC on %1</source>
        <translation>F1 und AUROC auf %1</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::TrainingOutcome</name>
    <message>
        <source>Cancelled before the first epoch finished: nothing was kept.</source>
        <translation>Abgebrochen, bevor die erste Epoche fertig war: nichts wurde behalten.</translation>
    </message>
    <message>
        <source>epoch %1 of %2</source>
        <translation>Epoche %1 von %2</translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation>Epoche %1</translation>
    </message>
    <message>
        <source>its best on the validation clips</source>
        <translation>ihre beste auf den Validierungs-Clips</translation>
    </message>
    <message>
        <source>the last finished epoch</source>
        <translation>die letzte fertige Epoche</translation>
    </message>
    <message>
        <source>Cancelled. The version trained so far is kept as &lt;b&gt;%1&lt;/b&gt;: %2, %3. It is not the active version.</source>
        <translation>Abgebrochen. Die bisher trainierte Version ist als &lt;b&gt;%1&lt;/b&gt; behalten: %2, %3. Sie ist nicht die aktive Version.</translation>
    </message>
    <message numerus="yes">
        <source>New version &lt;b&gt;%1&lt;/b&gt;: %n epoch(s) in %2.</source>
        <translation>
            <numerusform>Neue Version &lt;b&gt;%1&lt;/b&gt;: %n Epoche in %2.</numerusform>
            <numerusform>Neue Version &lt;b&gt;%1&lt;/b&gt;: %n Epochen in %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>AUROC</source>
        <translation>AUROC</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>P</source>
        <translation>P</translation>
    </message>
    <message>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <source>mAP</source>
        <translation>mAP</translation>
    </message>
    <message>
        <source>%1 %2 (%3, %4)</source>
        <translation>%1 %2 (%3, %4)</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>No labelled test clips: it has no test metrics.</source>
        <translation>Keine gelabelten Test-Clips: sie hat keine Testmetriken.</translation>
    </message>
    <message numerus="yes">
        <source>On %n test clip(s), beside its parent %1: %2.</source>
        <translation>
            <numerusform>Auf %n Test-Clip, neben ihrer Vorgängerin %1: %2.</numerusform>
            <numerusform>Auf %n Test-Clips, neben ihrer Vorgängerin %1: %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>On %n test clip(s): %1.</source>
        <translation>
            <numerusform>Auf %n Test-Clip: %1.</numerusform>
            <numerusform>Auf %n Test-Clips: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>It is now the active version.</source>
        <translation>Sie ist jetzt die aktive Version.</translation>
    </message>
    <message>
        <source>It is now the active version: %1</source>
        <translation>Sie ist jetzt die aktive Version: %1</translation>
    </message>
    <message>
        <source>It is not the active version.</source>
        <translation>Sie ist nicht die aktive Version.</translation>
    </message>
    <message>
        <source>It is not the active version: %1</source>
        <translation>Sie ist nicht die aktive Version: %1</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>Training fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>timbre::widgets::TrainingPanel</name>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Cancel Training</source>
        <translation>Training abbrechen</translation>
    </message>
    <message>
        <source>Stop after the current step; the epochs finished so far are kept as a version that is not made active</source>
        <translation>Nach dem aktuellen Schritt anhalten; die bis dahin fertigen Epochen werden als nicht aktive Version behalten</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>Kurven</translation>
    </message>
    <message>
        <source>Per instrument</source>
        <translation>Pro Instrument</translation>
    </message>
    <message>
        <source>Held-out metrics per instrument appear after the first epoch.</source>
        <translation>Metriken pro Instrument erscheinen nach der ersten Epoche.</translation>
    </message>
    <message>
        <source>No training runs. Library › Retrain Model… starts one.</source>
        <translation>Kein Training läuft. Bibliothek › Modell nachtrainieren… startet eines.</translation>
    </message>
    <message>
        <source>No stored training curves for %1: it was trained before the workbench kept them.</source>
        <translation>Keine gespeicherten Trainingskurven für %1: sie wurde trainiert, bevor die Workbench sie aufbewahrte.</translation>
    </message>
    <message>
        <source>Per instrument on the validation clips, epoch %1</source>
        <translation>Pro Instrument auf den Validierungs-Clips, Epoche %1</translation>
    </message>
    <message>
        <source>Per instrument on the test clips, epoch %1</source>
        <translation>Pro Instrument auf den Test-Clips, Epoche %1</translation>
    </message>
    <message numerus="yes">
        <source>stored curves, %n epoch(s)</source>
        <translation>
            <numerusform>gespeicherte Kurven, %n Epoche</numerusform>
            <numerusform>gespeicherte Kurven, %n Epochen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of training</source>
        <translation>%1 Training</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>loading the clips</source>
        <translation>Clips werden geladen</translation>
    </message>
    <message>
        <source>epoch %1 of %2</source>
        <translation>Epoche %1 von %2</translation>
    </message>
    <message>
        <source>scoring the test clips</source>
        <translation>Test-Clips werden bewertet</translation>
    </message>
    <message>
        <source>registering the version</source>
        <translation>Version wird registriert</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>%1 elapsed</source>
        <translation>%1 vergangen</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>noch etwa %1</translation>
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
<context>
    <name>timbre::widgets::VersionList</name>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Trained</source>
        <translation>Trainiert</translation>
    </message>
    <message>
        <source>Labels seen</source>
        <translation>Gesehene Labels</translation>
    </message>
    <message>
        <source>Test AUROC</source>
        <translation>Test-AUROC</translation>
    </message>
    <message>
        <source>Known present / absent labels in the version&apos;s training set</source>
        <translation>Bekannte Labels (vorhanden / abwesend) in den Trainingsdaten der Version</translation>
    </message>
    <message>
        <source>Overall AUROC on the test clips, stored when it was trained</source>
        <translation>Gesamt-AUROC auf den Testclips, beim Training gespeichert</translation>
    </message>
    <message>
        <source>%1 (active)</source>
        <translation>%1 (aktiv)</translation>
    </message>
</context>
</TS>
