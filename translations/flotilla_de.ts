<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Flotilla::ActionsController</name>
    <message>
        <source>Not connected to a server yet.</source>
        <translation>Noch nicht mit einem Server verbunden.</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Created %1</source>
        <translation>%1 angelegt</translation>
    </message>
    <message>
        <source>Delete Definition</source>
        <translation>Definition löschen</translation>
    </message>
    <message>
        <source>Delete the definition &quot;%1&quot;? Its runs stay in the history.</source>
        <translation>Die Definition „%1“ löschen? Ihre Läufe bleiben im Verlauf.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Deleted %1</source>
        <translation>%1 gelöscht</translation>
    </message>
    <message>
        <source>Cannot retry: %1</source>
        <translation>Wiederholen nicht möglich: %1</translation>
    </message>
    <message>
        <source>Stop Run</source>
        <translation>Lauf stoppen</translation>
    </message>
    <message>
        <source>Stop the run %1 of %2?</source>
        <translation>Den Lauf %1 von %2 stoppen?</translation>
    </message>
    <message>
        <source>Run of %1 finished: %2</source>
        <translation>Lauf von %1 beendet: %2</translation>
    </message>
    <message>
        <source>Cannot launch %1: %2</source>
        <translation>%1 kann nicht gestartet werden: %2</translation>
    </message>
</context>
<context>
    <name>Flotilla::BulkActions</name>
    <message>
        <source>Stopping runs: %1 of %2</source>
        <translation>Läufe werden gestoppt: %1 von %2</translation>
    </message>
    <message>
        <source>Retrying runs: %1 of %2</source>
        <translation>Läufe werden wiederholt: %1 von %2</translation>
    </message>
    <message>
        <source>Launching definitions: %1 of %2</source>
        <translation>Definitionen werden gestartet: %1 von %2</translation>
    </message>
    <message>
        <source>Deleting definitions: %1 of %2</source>
        <translation>Definitionen werden gelöscht: %1 von %2</translation>
    </message>
    <message>
        <source>Not connected to a server yet.</source>
        <translation>Noch nicht mit einem Server verbunden.</translation>
    </message>
    <message>
        <source>Stop Runs</source>
        <translation>Läufe stoppen</translation>
    </message>
    <message numerus="yes">
        <source>Stop %n runs?</source>
        <translation>
            <numerusform>%n Lauf stoppen?</numerusform>
            <numerusform>%n Läufe stoppen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stop %n Runs</source>
        <translation>
            <numerusform>%n Lauf stoppen</numerusform>
            <numerusform>%n Läufe stoppen</numerusform>
        </translation>
    </message>
    <message>
        <source>Retry Runs</source>
        <translation>Läufe wiederholen</translation>
    </message>
    <message numerus="yes">
        <source>Retry %n runs, each with its own environment, cluster and command?</source>
        <translation>
            <numerusform>%n Lauf wiederholen, mit seiner eigenen Umgebung, seinem Cluster und Befehl?</numerusform>
            <numerusform>%n Läufe wiederholen, jeden mit seiner eigenen Umgebung, seinem Cluster und Befehl?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Retry %n Runs</source>
        <translation>
            <numerusform>%n Lauf wiederholen</numerusform>
            <numerusform>%n Läufe wiederholen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n run ids</source>
        <translation>
            <numerusform>%n Lauf-ID kopiert</numerusform>
            <numerusform>%n Lauf-IDs kopiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete Definitions</source>
        <translation>Definitionen löschen</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n definitions? Their runs stay in the history.</source>
        <translation>
            <numerusform>%n Definition löschen? Ihre Läufe bleiben im Verlauf.</numerusform>
            <numerusform>%n Definitionen löschen? Ihre Läufe bleiben im Verlauf.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n Definitions</source>
        <translation>
            <numerusform>%n Definition löschen</numerusform>
            <numerusform>%n Definitionen löschen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped %n runs</source>
        <translation>
            <numerusform>%n Lauf gestoppt</numerusform>
            <numerusform>%n Läufe gestoppt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Retried %n runs</source>
        <translation>
            <numerusform>%n Lauf wiederholt</numerusform>
            <numerusform>%n Läufe wiederholt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Launched %n definitions</source>
        <translation>
            <numerusform>%n Definition gestartet</numerusform>
            <numerusform>%n Definitionen gestartet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n definitions</source>
        <translation>
            <numerusform>%n Definition gelöscht</numerusform>
            <numerusform>%n Definitionen gelöscht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n runs could not be stopped.</source>
        <translation>
            <numerusform>%1 von %n Lauf konnte nicht gestoppt werden.</numerusform>
            <numerusform>%1 von %n Läufen konnten nicht gestoppt werden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n runs could not be retried.</source>
        <translation>
            <numerusform>%1 von %n Lauf konnte nicht wiederholt werden.</numerusform>
            <numerusform>%1 von %n Läufen konnten nicht wiederholt werden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n definitions could not be launched.</source>
        <translation>
            <numerusform>%1 von %n Definition konnte nicht gestartet werden.</numerusform>
            <numerusform>%1 von %n Definitionen konnten nicht gestartet werden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n definitions could not be deleted.</source>
        <translation>
            <numerusform>%1 von %n Definition konnte nicht gelöscht werden.</numerusform>
            <numerusform>%1 von %n Definitionen konnten nicht gelöscht werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message numerus="yes">
        <source>and %n more (see the details)</source>
        <translation>
            <numerusform>und %n weiterer (siehe Details)</numerusform>
            <numerusform>und %n weitere (siehe Details)</numerusform>
        </translation>
    </message>
    <message>
        <source>Some Items Failed</source>
        <translation>Einige Elemente sind fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>Flotilla::ChartExport</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Save as &amp;PNG…</source>
        <translation>Als &amp;PNG speichern…</translation>
    </message>
    <message>
        <source>Save as &amp;SVG…</source>
        <translation>Als &amp;SVG speichern…</translation>
    </message>
    <message>
        <source>&amp;Copy Picture</source>
        <translation>Bild &amp;kopieren</translation>
    </message>
    <message>
        <source>Cannot draw the picture.</source>
        <translation>Das Bild kann nicht gezeichnet werden.</translation>
    </message>
    <message>
        <source>Save as PNG</source>
        <translation>Als PNG speichern</translation>
    </message>
    <message>
        <source>Save as SVG</source>
        <translation>Als SVG speichern</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG-Bilder (*.svg)</translation>
    </message>
    <message>
        <source>Picture not saved</source>
        <translation>Bild nicht gespeichert</translation>
    </message>
</context>
<context>
    <name>Flotilla::ClustersModel</name>
    <message>
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
</context>
<context>
    <name>Flotilla::CompareWindow</name>
    <message>
        <source>started %1</source>
        <translation>gestartet %1</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>nicht gestartet</translation>
    </message>
    <message>
        <source>Co&amp;mpare</source>
        <translation>&amp;Vergleichen</translation>
    </message>
    <message>
        <source>&amp;First Difference</source>
        <translation>&amp;Erster Unterschied</translation>
    </message>
    <message>
        <source>&amp;Previous</source>
        <translation>&amp;Vorheriger</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Nächster</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Compare %1 with %2</source>
        <translation>%1 mit %2 vergleichen</translation>
    </message>
    <message>
        <source>Environment differences</source>
        <translation>Unterschiede der Umgebung</translation>
    </message>
    <message>
        <source>Environment: %1 added, %2 removed, %3 changed</source>
        <translation>Umgebung: %1 hinzugefügt, %2 entfernt, %3 geändert</translation>
    </message>
    <message>
        <source>Log, command and payload</source>
        <translation>Log, Befehl und Parameter</translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation>&amp;Log</translation>
    </message>
    <message>
        <source>&amp;Command</source>
        <translation>&amp;Befehl</translation>
    </message>
    <message>
        <source>&amp;Command (differs)</source>
        <translation>&amp;Befehl (unterschiedlich)</translation>
    </message>
    <message>
        <source>P&amp;ayload</source>
        <translation>&amp;Parameter</translation>
    </message>
    <message>
        <source>P&amp;ayload (differs)</source>
        <translation>&amp;Parameter (unterschiedlich)</translation>
    </message>
    <message>
        <source>Reading both logs…</source>
        <translation>Beide Logs werden gelesen…</translation>
    </message>
    <message>
        <source>Left:</source>
        <translation>Links:</translation>
    </message>
    <message>
        <source>Right:</source>
        <translation>Rechts:</translation>
    </message>
    <message>
        <source>Left run</source>
        <translation>Linker Lauf</translation>
    </message>
    <message>
        <source>Right run</source>
        <translation>Rechter Lauf</translation>
    </message>
    <message>
        <source>M&amp;ask:</source>
        <translation>&amp;Maske:</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>Maske</translation>
    </message>
    <message>
        <source>A regular expression: what it matches is ignored when lines are compared. The default covers dates and times, UUIDs and long hex ids; clear it to compare whole lines.</source>
        <translation>Ein regulärer Ausdruck: Was er trifft, wird beim Vergleich der Zeilen ignoriert. Die Vorgabe deckt Datum und Uhrzeit, UUIDs und lange Hex-IDs ab; leeren Sie ihn, um ganze Zeilen zu vergleichen.</translation>
    </message>
    <message>
        <source>Compare the logs with this mask</source>
        <translation>Die Logs mit dieser Maske vergleichen</translation>
    </message>
    <message>
        <source>Jump to the first difference</source>
        <translation>Zum ersten Unterschied springen</translation>
    </message>
    <message>
        <source>Previous difference</source>
        <translation>Vorheriger Unterschied</translation>
    </message>
    <message>
        <source>Previous difference (Shift+F3)</source>
        <translation>Vorheriger Unterschied (Umschalt+F3)</translation>
    </message>
    <message>
        <source>Next difference</source>
        <translation>Nächster Unterschied</translation>
    </message>
    <message>
        <source>Next difference (F3)</source>
        <translation>Nächster Unterschied (F3)</translation>
    </message>
    <message>
        <source>Log differences</source>
        <translation>Unterschiede der Logs</translation>
    </message>
    <message>
        <source>Progress of the log comparison</source>
        <translation>Fortschritt des Log-Vergleichs</translation>
    </message>
    <message>
        <source>Cancel the log comparison</source>
        <translation>Den Log-Vergleich abbrechen</translation>
    </message>
    <message>
        <source>Reading the logs: %1 Trying again.</source>
        <translation>Lesen der Logs: %1 Neuer Versuch.</translation>
    </message>
    <message>
        <source>The logs could not be read: %1</source>
        <translation>Die Logs konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Comparing the logs…</source>
        <translation>Die Logs werden verglichen…</translation>
    </message>
    <message>
        <source>Reading the logs was cancelled.</source>
        <translation>Das Lesen der Logs wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The comparison was cancelled; Compare starts it again.</source>
        <translation>Der Vergleich wurde abgebrochen; „Vergleichen“ startet ihn neu.</translation>
    </message>
    <message>
        <source>The logs are the same.</source>
        <translation>Die Logs sind gleich.</translation>
    </message>
    <message>
        <source>The logs are the same, apart from what the mask ignores.</source>
        <translation>Die Logs sind gleich, bis auf das, was die Maske ignoriert.</translation>
    </message>
    <message>
        <source>%1 lines only left, %2 only right, %3 changed, in %4 places</source>
        <translation>%1 Zeilen nur links, %2 nur rechts, %3 geändert, an %4 Stellen</translation>
    </message>
</context>
<context>
    <name>Flotilla::DefinitionDetails</name>
    <message>
        <source>Definition</source>
        <translation>Definition</translation>
    </message>
    <message>
        <source>Alias:</source>
        <translation>Alias:</translation>
    </message>
    <message>
        <source>Definition ID:</source>
        <translation>Definitions-ID:</translation>
    </message>
    <message>
        <source>Group:</source>
        <translation>Gruppe:</translation>
    </message>
    <message>
        <source>Image:</source>
        <translation>Image:</translation>
    </message>
    <message>
        <source>Command:</source>
        <translation>Befehl:</translation>
    </message>
    <message>
        <source>Memory (MB):</source>
        <translation>Arbeitsspeicher (MB):</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>Tags:</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Select a definition to see its details and runs.</source>
        <translation>Wählen Sie eine Definition, um ihre Details und Läufe zu sehen.</translation>
    </message>
    <message>
        <source>CPU (units):</source>
        <translation>CPU (Einheiten):</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Verlauf</translation>
    </message>
</context>
<context>
    <name>Flotilla::DefinitionEditor</name>
    <message>
        <source>Definition</source>
        <translation>Definition</translation>
    </message>
    <message>
        <source>&amp;Alias:</source>
        <translation>&amp;Alias:</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <source>a unique name, e.g. nightly-report</source>
        <translation>ein eindeutiger Name, z. B. nightly-report</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>&amp;Gruppe:</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>&amp;Image:</source>
        <translation>&amp;Image:</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>e.g. docker.io/library/python:3.12</source>
        <translation>z. B. docker.io/library/python:3.12</translation>
    </message>
    <message>
        <source>&amp;Command:</source>
        <translation>&amp;Befehl:</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>run with /bin/sh -c</source>
        <translation>wird mit /bin/sh -c ausgeführt</translation>
    </message>
    <message>
        <source>&amp;Memory:</source>
        <translation>Spei&amp;cher:</translation>
    </message>
    <message>
        <source>Memory in MB</source>
        <translation>Arbeitsspeicher in MB</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Nicht gesetzt</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>C&amp;PU:</source>
        <translation>C&amp;PU:</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>&amp;Tags:</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>comma-separated, e.g. nightly, reports</source>
        <translation>durch Kommas getrennt, z. B. nightly, reports</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>&amp;Umgebung:</translation>
    </message>
    <message>
        <source>Environment variables</source>
        <translation>Umgebungsvariablen</translation>
    </message>
    <message>
        <source>Save problem</source>
        <translation>Problem beim Speichern</translation>
    </message>
    <message>
        <source>Dialog buttons</source>
        <translation>Dialogschaltflächen</translation>
    </message>
    <message>
        <source>New definition</source>
        <translation>Neue Definition</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
    <message>
        <source>Copy of %1</source>
        <translation>Kopie von %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>This definition has changes that are not saved.</source>
        <translation>Diese Definition hat Änderungen, die nicht gespeichert sind.</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>&amp;Weiter bearbeiten</translation>
    </message>
    <message>
        <source>CPU in units, 1024 to a core</source>
        <translation>CPU in Einheiten, 1024 je Kern</translation>
    </message>
    <message>
        <source> units</source>
        <translation> Einheiten</translation>
    </message>
    <message>
        <source>A&amp;daptive resource allocation</source>
        <translation>A&amp;daptive Ressourcenzuteilung</translation>
    </message>
    <message>
        <source>Adaptive resource allocation</source>
        <translation>Adaptive Ressourcenzuteilung</translation>
    </message>
    <message>
        <source>The server may raise memory and CPU for later runs after a run is killed for running out of memory</source>
        <translation>Der Server darf Speicher und CPU für spätere Läufe erhöhen, nachdem ein Lauf wegen Speichermangels beendet wurde</translation>
    </message>
</context>
<context>
    <name>Flotilla::DefinitionListModel</name>
    <message>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Memory (MB)</source>
        <translation>Speicher (MB)</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>CPU (units)</source>
        <translation>CPU (Einheiten)</translation>
    </message>
</context>
<context>
    <name>Flotilla::DefinitionsPage</name>
    <message>
        <source>All groups</source>
        <translation>Alle Gruppen</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>Alle Tags</translation>
    </message>
    <message>
        <source>Search aliases (Ctrl+L)</source>
        <translation>Alias suchen (Strg+L)</translation>
    </message>
    <message>
        <source>Alias filter</source>
        <translation>Alias-Filter</translation>
    </message>
    <message>
        <source>Group filter</source>
        <translation>Gruppenfilter</translation>
    </message>
    <message>
        <source>Tag filter</source>
        <translation>Tag-Filter</translation>
    </message>
    <message>
        <source>&amp;New Definition…</source>
        <translation>&amp;Neue Definition…</translation>
    </message>
    <message>
        <source>&amp;Launch…</source>
        <translation>&amp;Starten…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Copy…</source>
        <translation>&amp;Kopieren…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Launch the selected definition</source>
        <translation>Ausgewählte Definition starten</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Image filter</source>
        <translation>Image-Filter</translation>
    </message>
    <message>
        <source>&amp;Notify Me About This Definition&apos;s Runs</source>
        <translation>Über die Läufe dieser Definition &amp;benachrichtigen</translation>
    </message>
    <message>
        <source>Copy &amp;Link</source>
        <translation>&amp;Link kopieren</translation>
    </message>
</context>
<context>
    <name>Flotilla::DesktopNotifier</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Ran for %1.</source>
        <translation>Lief %1.</translation>
    </message>
    <message>
        <source>Exit code %1.</source>
        <translation>Exit-Code %1.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
</context>
<context>
    <name>Flotilla::DetailsPane</name>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Environment variables</source>
        <translation>Umgebungsvariablen</translation>
    </message>
    <message>
        <source>R&amp;uns</source>
        <translation>&amp;Läufe</translation>
    </message>
</context>
<context>
    <name>Flotilla::EnvComparisonModel</name>
    <message>
        <source>The same in both runs</source>
        <translation>In beiden Läufen gleich</translation>
    </message>
    <message>
        <source>Only in the right run</source>
        <translation>Nur im rechten Lauf</translation>
    </message>
    <message>
        <source>Only in the left run</source>
        <translation>Nur im linken Lauf</translation>
    </message>
    <message>
        <source>Different values</source>
        <translation>Unterschiedliche Werte</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Left run</source>
        <translation>Linker Lauf</translation>
    </message>
    <message>
        <source>Right run</source>
        <translation>Rechter Lauf</translation>
    </message>
</context>
<context>
    <name>Flotilla::EnvVarDelegate</name>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
</context>
<context>
    <name>Flotilla::EnvVarEditor</name>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>Add variable</source>
        <translation>Variable hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Remove variable</source>
        <translation>Variable entfernen</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <source>Move variable up</source>
        <translation>Variable nach oben verschieben</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Nach u&amp;nten</translation>
    </message>
    <message>
        <source>Move variable down</source>
        <translation>Variable nach unten verschieben</translation>
    </message>
    <message>
        <source>&amp;Paste NAME=VALUE lines</source>
        <translation>NAME=WERT-Zeilen einfü&amp;gen</translation>
    </message>
    <message>
        <source>Paste NAME=VALUE lines from the clipboard</source>
        <translation>NAME=WERT-Zeilen aus der Zwischenablage einfügen</translation>
    </message>
    <message>
        <source>Environment variables</source>
        <translation>Umgebungsvariablen</translation>
    </message>
    <message>
        <source>No value for %1; fill it in unless empty is meant.</source>
        <translation>Kein Wert für %1; tragen Sie einen ein, außer er soll leer sein.</translation>
    </message>
</context>
<context>
    <name>Flotilla::EnvVarModel</name>
    <message>
        <source>Line %1 (&quot;%2&quot;) has no &apos;=&apos;; write it as NAME=VALUE.</source>
        <translation>Zeile %1 („%2“) hat kein „=“; schreiben Sie sie als NAME=WERT.</translation>
    </message>
    <message>
        <source>Line %1: the name %2; write it as NAME=VALUE.</source>
        <translation>Zeile %1: der Name %2; schreiben Sie sie als NAME=WERT.</translation>
    </message>
    <message>
        <source>The name is empty; give the variable a name or remove the row.</source>
        <translation>Der Name ist leer; geben Sie der Variablen einen Namen oder entfernen Sie die Zeile.</translation>
    </message>
    <message>
        <source>The name %1.</source>
        <translation>Der Name %1.</translation>
    </message>
    <message>
        <source>%1 is also set in row %2; keep one of them.</source>
        <translation>%1 ist auch in Zeile %2 gesetzt; behalten Sie nur eine davon.</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>Flotilla::ErrorBar</name>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Error message</source>
        <translation>Fehlermeldung</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Dismiss error</source>
        <translation>Fehler schließen</translation>
    </message>
</context>
<context>
    <name>Flotilla::ExportImportController</name>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>&amp;Import Definition or Template…</source>
        <translation>Definition oder Vorlage &amp;importieren…</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message numerus="yes">
        <source>Export %n Items to a Folder</source>
        <translation>
            <numerusform>%n Element in einen Ordner exportieren</numerusform>
            <numerusform>%n Elemente in einen Ordner exportieren</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Could not export %n item(s):</source>
        <translation>
            <numerusform>%n Element konnte nicht exportiert werden:</numerusform>
            <numerusform>%n Elemente konnten nicht exportiert werden:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n item(s) to %1</source>
        <translation>
            <numerusform>%n Element nach %1 exportiert</numerusform>
            <numerusform>%n Elemente nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Import Definition or Template</source>
        <translation>Definition oder Vorlage importieren</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a definition or template to import:</source>
        <translation>%1 ist keine Definition oder Vorlage zum Importieren:</translation>
    </message>
    <message>
        <source>Not connected to a server yet.</source>
        <translation>Noch nicht mit einem Server verbunden.</translation>
    </message>
    <message>
        <source>Could not import %1: %2</source>
        <translation>%1 konnte nicht importiert werden: %2</translation>
    </message>
    <message>
        <source>Imported %1</source>
        <translation>%1 importiert</translation>
    </message>
    <message>
        <source>Could not import %1: this server has no templates.</source>
        <translation>%1 konnte nicht importiert werden: Dieser Server hat keine Vorlagen.</translation>
    </message>
    <message>
        <source>%1 is already on this server</source>
        <translation>%1 ist schon auf diesem Server</translation>
    </message>
</context>
<context>
    <name>Flotilla::FlotillaLink</name>
    <message>
        <source>&quot;%1&quot; is not a flotilla:// link; links look like flotilla://PROFILE/run/RUN_ID</source>
        <translation>„%1“ ist kein flotilla://-Link; Links sehen so aus: flotilla://PROFIL/run/LAUF_ID</translation>
    </message>
    <message>
        <source>the link %1 names no profile; links look like flotilla://PROFILE/run/RUN_ID</source>
        <translation>Der Link %1 nennt kein Profil; Links sehen so aus: flotilla://PROFIL/run/LAUF_ID</translation>
    </message>
    <message>
        <source>the link %1 names no run, definition or template; add /run/ID, /definition/ID or /template/ID</source>
        <translation>Der Link %1 nennt keinen Lauf, keine Definition und keine Vorlage; ergänzen Sie /run/ID, /definition/ID oder /template/ID</translation>
    </message>
    <message>
        <source>the link %1 points to an unknown kind of item &quot;%2&quot;; use run, definition or template</source>
        <translation>Der Link %1 verweist auf eine unbekannte Art „%2“; verwenden Sie run, definition oder template</translation>
    </message>
    <message>
        <source>the link %1 has no %2 id after /%2/</source>
        <translation>Der Link %1 hat keine %2-ID nach /%2/</translation>
    </message>
    <message>
        <source>the link %1 has more parts than PROFILE/%2/ID</source>
        <translation>Der Link %1 hat mehr Teile als PROFIL/%2/ID</translation>
    </message>
    <message>
        <source>the link %1 names the profile &quot;%2&quot;, which is not set up here; add a profile of that name (Settings, or flotilla profiles add)</source>
        <translation>Der Link %1 nennt das Profil „%2“, das hier nicht eingerichtet ist; legen Sie ein Profil dieses Namens an (Einstellungen oder flotilla profiles add)</translation>
    </message>
</context>
<context>
    <name>Flotilla::GroupsModel</name>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
</context>
<context>
    <name>Flotilla::HistoryChart</name>
    <message>
        <source>Memory (MB)</source>
        <translation>Speicher (MB)</translation>
    </message>
    <message>
        <source>Max memory used</source>
        <translation>Max. genutzter Speicher</translation>
    </message>
    <message>
        <source>Memory requested</source>
        <translation>Angeforderter Speicher</translation>
    </message>
    <message>
        <source>Run history chart</source>
        <translation>Diagramm des Laufverlaufs</translation>
    </message>
    <message>
        <source>Hover a bar to see its run, click it to open the run. Wheel or Shift+drag zooms, drag pans, Home shows everything.</source>
        <translation>Zeigen Sie auf einen Balken, um seinen Lauf zu sehen, klicken Sie, um ihn zu öffnen. Mausrad oder Umschalt+Ziehen zoomt, Ziehen verschiebt, Pos1 zeigt alles.</translation>
    </message>
    <message numerus="yes">
        <source>Last %n run(s)</source>
        <translation>
            <numerusform>Letzter %n Lauf</numerusform>
            <numerusform>Letzte %n Läufe</numerusform>
        </translation>
    </message>
    <message>
        <source>Runs shown</source>
        <translation>Angezeigte Läufe</translation>
    </message>
    <message>
        <source>Reset Zoom</source>
        <translation>Zoom zurücksetzen</translation>
    </message>
    <message>
        <source>Show every run again (Home)</source>
        <translation>Wieder alle Läufe zeigen (Pos1)</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>Zoom zurücksetzen</translation>
    </message>
    <message>
        <source>History summary</source>
        <translation>Zusammenfassung des Verlaufs</translation>
    </message>
    <message>
        <source>history-%1</source>
        <translation>verlauf-%1</translation>
    </message>
    <message>
        <source>Duration (hours)</source>
        <translation>Dauer (Stunden)</translation>
    </message>
    <message>
        <source>Duration (minutes)</source>
        <translation>Dauer (Minuten)</translation>
    </message>
    <message>
        <source>Duration (seconds)</source>
        <translation>Dauer (Sekunden)</translation>
    </message>
    <message>
        <source>Median %1</source>
        <translation>Median %1</translation>
    </message>
    <message>
        <source>p90 %1</source>
        <translation>p90 %1</translation>
    </message>
    <message>
        <source>Loading runs…</source>
        <translation>Läufe werden geladen…</translation>
    </message>
    <message>
        <source>No finished runs yet.</source>
        <translation>Noch keine beendeten Läufe.</translation>
    </message>
    <message numerus="yes">
        <source>%n finished run(s) · %1% succeeded · max %2</source>
        <translation>
            <numerusform>%n Lauf · %1 % erfolgreich · max. %2</numerusform>
            <numerusform>%n Läufe · %1 % erfolgreich · max. %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <source>Started %1</source>
        <translation>Gestartet %1</translation>
    </message>
    <message>
        <source>Duration %1</source>
        <translation>Dauer %1</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1, exit code %2</source>
        <translation>%1, Exit-Code %2</translation>
    </message>
    <message>
        <source>Exit reason: %1</source>
        <translation>Exit-Grund: %1</translation>
    </message>
    <message>
        <source>Max memory %1 MB</source>
        <translation>Max. Speicher %1 MB</translation>
    </message>
</context>
<context>
    <name>Flotilla::LaunchDialog</name>
    <message>
        <source>Launch</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Definition:</source>
        <translation>Definition:</translation>
    </message>
    <message>
        <source>&amp;Cluster:</source>
        <translation>&amp;Cluster:</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>&amp;Owner ID:</source>
        <translation>&amp;Besitzer-ID:</translation>
    </message>
    <message>
        <source>Owner ID</source>
        <translation>Besitzer-ID</translation>
    </message>
    <message>
        <source>Co&amp;mmand:</source>
        <translation>Be&amp;fehl:</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>M&amp;emory:</source>
        <translation>Spe&amp;icher:</translation>
    </message>
    <message>
        <source>Memory in MB</source>
        <translation>Arbeitsspeicher in MB</translation>
    </message>
    <message>
        <source>As defined</source>
        <translation>Wie definiert</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>E&amp;nvironment:</source>
        <translation>&amp;Umgebung:</translation>
    </message>
    <message>
        <source>Environment variables</source>
        <translation>Umgebungsvariablen</translation>
    </message>
    <message>
        <source>Launch problem</source>
        <translation>Problem beim Starten</translation>
    </message>
    <message>
        <source>Dialog buttons</source>
        <translation>Dialogschaltflächen</translation>
    </message>
    <message>
        <source>Retry %1</source>
        <translation>%1 wiederholen</translation>
    </message>
    <message>
        <source>Launch %1</source>
        <translation>%1 starten</translation>
    </message>
    <message>
        <source>%1 (group %2)</source>
        <translation>%1 (Gruppe %2)</translation>
    </message>
    <message>
        <source>&amp;Launch</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Launch (Ctrl+Enter)</source>
        <translation>Starten (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>the server&apos;s default</source>
        <translation>Vorgabe des Servers</translation>
    </message>
    <message>
        <source>The server records who launched a run; enter your user name.</source>
        <translation>Der Server vermerkt, wer einen Lauf gestartet hat; geben Sie Ihren Benutzernamen ein.</translation>
    </message>
    <message>
        <source>C&amp;PU:</source>
        <translation>C&amp;PU:</translation>
    </message>
    <message>
        <source>CPU in CPU units</source>
        <translation>CPU in CPU-Einheiten</translation>
    </message>
    <message>
        <source>1024 CPU units are one core</source>
        <translation>1024 CPU-Einheiten sind ein Kern</translation>
    </message>
    <message>
        <source> CPU units</source>
        <translation> CPU-Einheiten</translation>
    </message>
    <message>
        <source>En&amp;gine:</source>
        <translation>En&amp;gine:</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>Engine</translation>
    </message>
    <message>
        <source>No&amp;de lifecycle:</source>
        <translation>K&amp;noten-Lebenszyklus:</translation>
    </message>
    <message>
        <source>Node lifecycle</source>
        <translation>Knoten-Lebenszyklus</translation>
    </message>
    <message>
        <source>The server&apos;s default</source>
        <translation>Vorgabe des Servers</translation>
    </message>
    <message>
        <source>Spot</source>
        <translation>Spot</translation>
    </message>
    <message>
        <source>On demand</source>
        <translation>On demand</translation>
    </message>
    <message numerus="yes">
        <source>Launch %n Definitions</source>
        <translation>
            <numerusform>%n Definition starten</numerusform>
            <numerusform>%n Definitionen starten</numerusform>
        </translation>
    </message>
    <message>
        <source>Definitions:</source>
        <translation>Definitionen:</translation>
    </message>
    <message>
        <source>Added e&amp;nvironment:</source>
        <translation>Zusätzliche &amp;Umgebung:</translation>
    </message>
    <message>
        <source>Added to each definition&apos;s own environment</source>
        <translation>Wird der eigenen Umgebung jeder Definition hinzugefügt</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Launch %n</source>
        <translation>
            <numerusform>%n &amp;starten</numerusform>
            <numerusform>%n &amp;starten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Flotilla::LineMask</name>
    <message>
        <source>The mask is not a valid regular expression: %1 at position %2; fix it, or clear it to compare whole lines.</source>
        <translation>Die Maske ist kein gültiger regulärer Ausdruck: %1 an Position %2; korrigieren Sie sie oder leeren Sie sie, um ganze Zeilen zu vergleichen.</translation>
    </message>
</context>
<context>
    <name>Flotilla::LinkController</name>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Flotilla Desktop: %1
Web UI: %2</source>
        <translation>Flotilla Desktop: %1
Web-UI: %2</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>%1 kopiert</translation>
    </message>
    <message>
        <source>Copied %1 and its web UI address</source>
        <translation>%1 und die Web-UI-Adresse kopiert</translation>
    </message>
</context>
<context>
    <name>Flotilla::LogDiffModel</name>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Links</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Rechts</translation>
    </message>
</context>
<context>
    <name>Flotilla::LogModel</name>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
</context>
<context>
    <name>Flotilla::LogPane</name>
    <message>
        <source>Run log</source>
        <translation>Protokoll des Laufs</translation>
    </message>
    <message>
        <source>Search or filter mode</source>
        <translation>Such- oder Filtermodus</translation>
    </message>
    <message>
        <source>Search highlights matches; filter shows only matching lines</source>
        <translation>Suchen hebt Treffer hervor; Filtern zeigt nur passende Zeilen</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filtern</translation>
    </message>
    <message>
        <source>Search pattern</source>
        <translation>Suchmuster</translation>
    </message>
    <message>
        <source>Search (Ctrl+F)</source>
        <translation>Suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Regex</source>
        <translation>Regex</translation>
    </message>
    <message>
        <source>Pattern is a regular expression</source>
        <translation>Das Muster ist ein regulärer Ausdruck</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>Groß/klein</translation>
    </message>
    <message>
        <source>Invert</source>
        <translation>Umkehren</translation>
    </message>
    <message>
        <source>Invert filter</source>
        <translation>Filter umkehren</translation>
    </message>
    <message>
        <source>Show the lines that do not match</source>
        <translation>Die Zeilen zeigen, die nicht passen</translation>
    </message>
    <message>
        <source>Context lines</source>
        <translation>Kontextzeilen</translation>
    </message>
    <message>
        <source>Lines shown before and after each match</source>
        <translation>Zeilen, die vor und nach jedem Treffer gezeigt werden</translation>
    </message>
    <message>
        <source>Context: </source>
        <translation>Kontext: </translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>Vorheriger Treffer</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>Vorheriger Treffer (Umschalt+Eingabe)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>Nächster Treffer</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>Nächster Treffer (Eingabe)</translation>
    </message>
    <message>
        <source>Match count</source>
        <translation>Anzahl der Treffer</translation>
    </message>
    <message>
        <source>Wrap</source>
        <translation>Umbrechen</translation>
    </message>
    <message>
        <source>Wrap long lines</source>
        <translation>Lange Zeilen umbrechen</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Folgen</translation>
    </message>
    <message>
        <source>Follow new lines</source>
        <translation>Neuen Zeilen folgen</translation>
    </message>
    <message>
        <source>Stay at the end as lines arrive (End)</source>
        <translation>Am Ende bleiben, wenn Zeilen ankommen (Ende)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy selected lines</source>
        <translation>Ausgewählte Zeilen kopieren</translation>
    </message>
    <message>
        <source>Copy all</source>
        <translation>Alles kopieren</translation>
    </message>
    <message>
        <source>Copy all lines</source>
        <translation>Alle Zeilen kopieren</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <source>Save whole log</source>
        <translation>Ganzes Protokoll speichern</translation>
    </message>
    <message>
        <source>Save the whole log as the server holds it</source>
        <translation>Das ganze Protokoll speichern, wie es auf dem Server liegt</translation>
    </message>
    <message>
        <source>Log lines</source>
        <translation>Protokollzeilen</translation>
    </message>
    <message>
        <source>Log status</source>
        <translation>Protokollstatus</translation>
    </message>
    <message>
        <source>New lines, click to follow</source>
        <translation>Neue Zeilen, zum Folgen klicken</translation>
    </message>
    <message>
        <source>Following the log of run %1…</source>
        <translation>Protokoll des Laufs %1 wird verfolgt…</translation>
    </message>
    <message>
        <source>Filter (Ctrl+F)</source>
        <translation>Filtern (Strg+F)</translation>
    </message>
    <message>
        <source>Filter pattern</source>
        <translation>Filtermuster</translation>
    </message>
    <message>
        <source>%1 of %2 lines</source>
        <translation>%1 von %2 Zeilen</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Keine Treffer</translation>
    </message>
    <message>
        <source>%1 of %2 matching lines</source>
        <translation>%1 von %2 passenden Zeilen</translation>
    </message>
    <message>
        <source>%1 Trying again…</source>
        <translation>%1 Neuer Versuch…</translation>
    </message>
    <message>
        <source>End of log. The run&apos;s exit status could not be read: %1</source>
        <translation>Ende des Protokolls. Der Exit-Status des Laufs konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>Exit-Code %1</translation>
    </message>
    <message>
        <source>no exit code</source>
        <translation>ohne Exit-Code</translation>
    </message>
    <message>
        <source>Cannot save the log: the connection to the server is gone.</source>
        <translation>Das Protokoll kann nicht gespeichert werden: Die Verbindung zum Server ist weg.</translation>
    </message>
    <message>
        <source>Saving the whole log to %1…</source>
        <translation>Das ganze Protokoll wird in %1 gespeichert…</translation>
    </message>
    <message>
        <source>Could not read the log from the server: %1</source>
        <translation>Das Protokoll konnte nicht vom Server gelesen werden: %1</translation>
    </message>
    <message>
        <source>Could not write %1: %2. Choose another place.</source>
        <translation>%1 konnte nicht geschrieben werden: %2. Wählen Sie einen anderen Ort.</translation>
    </message>
    <message>
        <source>Saved the whole log (%1 bytes) to %2.</source>
        <translation>Das ganze Protokoll (%1 Bytes) wurde in %2 gespeichert.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln new line(s) ↓</source>
        <translation>
            <numerusform>%Ln neue Zeile ↓</numerusform>
            <numerusform>%Ln neue Zeilen ↓</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln matching line(s)</source>
        <translation>
            <numerusform>%Ln passende Zeile</numerusform>
            <numerusform>%Ln passende Zeilen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>■ End of log: %Ln line(s), the run stopped with %1.</source>
        <translation>
            <numerusform>■ Ende des Protokolls: %Ln Zeile, der Lauf endete mit %1.</numerusform>
            <numerusform>■ Ende des Protokolls: %Ln Zeilen, der Lauf endete mit %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Stop searching the whole log</source>
        <translation>Die Suche im ganzen Log anhalten</translation>
    </message>
    <message>
        <source>Stop searching</source>
        <translation>Suche anhalten</translation>
    </message>
    <message>
        <source>Log viewer problem</source>
        <translation>Problem der Log-Anzeige</translation>
    </message>
    <message>
        <source>No matches yet</source>
        <translation>Noch keine Treffer</translation>
    </message>
    <message>
        <source>%1 (searching… %2%)</source>
        <translation>%1 (suche… %2 %)</translation>
    </message>
    <message>
        <source>%1 (search stopped)</source>
        <translation>%1 (Suche angehalten)</translation>
    </message>
    <message>
        <source>%1 in what is loaded so far (still loading)</source>
        <translation>%1 im bisher Geladenen (lädt noch)</translation>
    </message>
    <message>
        <source>Could not read the end of the log</source>
        <translation>Das Ende des Logs konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>Could not read the earlier part of the log</source>
        <translation>Der frühere Teil des Logs konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: %2 Trying again…</source>
        <translation>%1: %2 Neuer Versuch…</translation>
    </message>
    <message>
        <source>■ End of log: about %1 lines (still reading the earlier part), the run stopped with %2.</source>
        <translation>■ Ende des Logs: etwa %1 Zeilen (der frühere Teil wird noch gelesen), der Lauf endete mit %2.</translation>
    </message>
    <message>
        <source>The log cannot be shown: %1</source>
        <translation>Das Log kann nicht angezeigt werden: %1</translation>
    </message>
    <message>
        <source>%1 (filtering… %2%)</source>
        <translation>%1 (filtere… %2 %)</translation>
    </message>
    <message>
        <source>%1 (filter stopped)</source>
        <translation>%1 (Filtern angehalten)</translation>
    </message>
</context>
<context>
    <name>Flotilla::LogView</name>
    <message>
        <source>Log lines</source>
        <translation>Protokollzeilen</translation>
    </message>
</context>
<context>
    <name>Flotilla::MainWindow</name>
    <message>
        <source>Groups</source>
        <translation>Gruppen</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Clusters</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>Flotilla</source>
        <translation>Flotilla</translation>
    </message>
    <message>
        <source>Definitions</source>
        <translation>Definitionen</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation>Verbindungsstatus</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>Server-URL</translation>
    </message>
    <message>
        <source>Active runs</source>
        <translation>Aktive Läufe</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>The server shown: the local control plane or a profile</source>
        <translation>Der angezeigte Server: die lokale Steuerungsebene oder ein Profil</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>&amp;Filtern</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Lauf</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt-Werkzeugleiste</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>Local (this machine)</source>
        <translation>Lokal (dieser Rechner)</translation>
    </message>
    <message>
        <source>The local control plane did not start: %1</source>
        <translation>Die lokale Steuerungsebene ist nicht gestartet: %1</translation>
    </message>
    <message>
        <source>Starting the local control plane…</source>
        <translation>Die lokale Steuerungsebene wird gestartet…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt…</translation>
    </message>
    <message>
        <source>Connected (%1)</source>
        <translation>Verbunden (%1)</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message numerus="yes">
        <source>%n active run(s)</source>
        <translation>
            <numerusform>%n aktiver Lauf</numerusform>
            <numerusform>%n aktive Läufe</numerusform>
        </translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Vorlagen</translation>
    </message>
    <message>
        <source>There is no server profile &quot;%1&quot;; add it in Settings.</source>
        <translation>Es gibt kein Serverprofil „%1“; legen Sie es in den Einstellungen an.</translation>
    </message>
    <message>
        <source>You will be notified when runs of %1 end.</source>
        <translation>Sie werden benachrichtigt, wenn Läufe von %1 enden.</translation>
    </message>
    <message>
        <source>No more notifications about runs of %1.</source>
        <translation>Keine Benachrichtigungen mehr über Läufe von %1.</translation>
    </message>
    <message>
        <source>Watching the run of %1: you will be notified when it ends.</source>
        <translation>Der Lauf von %1 wird beobachtet: Sie werden benachrichtigt, wenn er endet.</translation>
    </message>
    <message numerus="yes">
        <source>Watching %n runs: you will be notified when each ends.</source>
        <translation>
            <numerusform>%n Lauf wird beobachtet: Sie werden benachrichtigt, wenn er endet.</numerusform>
            <numerusform>%n Läufe werden beobachtet: Sie werden benachrichtigt, wenn jeder endet.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 has no earlier run to compare with.</source>
        <translation>%1 hat keinen früheren Lauf zum Vergleichen.</translation>
    </message>
</context>
<context>
    <name>Flotilla::NameListPage</name>
    <message>
        <source>Double-click or press Enter on a name to see what belongs to it.</source>
        <translation>Doppelklicken Sie auf einen Namen oder drücken Sie die Eingabetaste, um zu sehen, was dazugehört.</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Gruppen</translation>
    </message>
    <message>
        <source>Filter groups (Ctrl+L)</source>
        <translation>Gruppen filtern (Strg+L)</translation>
    </message>
    <message>
        <source>Group name filter</source>
        <translation>Filter für Gruppennamen</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Filter tags (Ctrl+L)</source>
        <translation>Tags filtern (Strg+L)</translation>
    </message>
    <message>
        <source>Tag name filter</source>
        <translation>Filter für Tag-Namen</translation>
    </message>
    <message>
        <source>Clusters</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>Filter clusters (Ctrl+L)</source>
        <translation>Cluster filtern (Strg+L)</translation>
    </message>
    <message>
        <source>Cluster name filter</source>
        <translation>Filter für Clusternamen</translation>
    </message>
</context>
<context>
    <name>Flotilla::PodEventModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>Flotilla::QuitGuard</name>
    <message>
        <source>Quit Flotilla</source>
        <translation>Flotilla beenden</translation>
    </message>
    <message numerus="yes">
        <source>%n local run(s) are still active. Leave them running (they are picked up at the next start) or stop them?</source>
        <translation>
            <numerusform>%n lokaler Lauf ist noch aktiv. Weiterlaufen lassen (er wird beim nächsten Start wieder aufgenommen) oder stoppen?</numerusform>
            <numerusform>%n lokale Läufe sind noch aktiv. Weiterlaufen lassen (sie werden beim nächsten Start wieder aufgenommen) oder stoppen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Leave Running and Quit</source>
        <translation>Weiterlaufen lassen und beenden</translation>
    </message>
    <message>
        <source>Stop Them and Quit</source>
        <translation>Stoppen und beenden</translation>
    </message>
</context>
<context>
    <name>Flotilla::RunComparisonModel</name>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Besitzer</translation>
    </message>
    <message>
        <source>Memory requested</source>
        <translation>Angeforderter Speicher</translation>
    </message>
    <message>
        <source>Memory limit</source>
        <translation>Speicherlimit</translation>
    </message>
    <message>
        <source>Memory max used</source>
        <translation>Max. genutzter Speicher</translation>
    </message>
    <message>
        <source>CPU requested</source>
        <translation>Angeforderte CPU</translation>
    </message>
    <message>
        <source>CPU limit</source>
        <translation>CPU-Limit</translation>
    </message>
    <message>
        <source>CPU max used</source>
        <translation>Max. genutzte CPU</translation>
    </message>
    <message>
        <source>Exit code</source>
        <translation>Exit-Code</translation>
    </message>
    <message>
        <source>Exit reason</source>
        <translation>Exit-Grund</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Left run</source>
        <translation>Linker Lauf</translation>
    </message>
    <message>
        <source>Right run</source>
        <translation>Rechter Lauf</translation>
    </message>
</context>
<context>
    <name>Flotilla::RunFilterBar</name>
    <message>
        <source>All clusters</source>
        <translation>Alle Cluster</translation>
    </message>
    <message>
        <source>Started: any time</source>
        <translation>Start: jederzeit</translation>
    </message>
    <message>
        <source>Started since</source>
        <translation>Gestartet seit</translation>
    </message>
    <message>
        <source>until: now</source>
        <translation>bis: jetzt</translation>
    </message>
    <message>
        <source>Started until</source>
        <translation>Gestartet bis</translation>
    </message>
    <message>
        <source>Finished: any time</source>
        <translation>Ende: jederzeit</translation>
    </message>
    <message>
        <source>Finished since</source>
        <translation>Beendet seit</translation>
    </message>
    <message>
        <source>Finished until</source>
        <translation>Beendet bis</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Eingereiht</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Stopped (succeeded or failed)</source>
        <translation>Gestoppt (erfolgreich oder fehlgeschlagen)</translation>
    </message>
    <message>
        <source>Needs retry</source>
        <translation>Wiederholung nötig</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Statusfilter</translation>
    </message>
    <message>
        <source>Alias (Ctrl+L)</source>
        <translation>Alias (Strg+L)</translation>
    </message>
    <message>
        <source>Alias filter</source>
        <translation>Alias-Filter</translation>
    </message>
    <message>
        <source>Cluster filter</source>
        <translation>Cluster-Filter</translation>
    </message>
    <message>
        <source>Env NAME=VALUE …</source>
        <translation>Umgebung NAME=WERT …</translation>
    </message>
    <message>
        <source>Environment filter</source>
        <translation>Umgebungsfilter</translation>
    </message>
    <message>
        <source>Filter problem</source>
        <translation>Problem im Filter</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Env filters take NAME=VALUE, e.g. GREETING=hello; not understood: %1</source>
        <translation>Umgebungsfilter erwarten NAME=WERT, z. B. GREETING=hello; nicht verstanden: %1</translation>
    </message>
</context>
<context>
    <name>Flotilla::RunHistoryModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Max memory (MB)</source>
        <translation>Max. Speicher (MB)</translation>
    </message>
    <message>
        <source>Requested memory (MB)</source>
        <translation>Angeforderter Speicher (MB)</translation>
    </message>
    <message>
        <source>Run ID</source>
        <translation>Lauf-ID</translation>
    </message>
</context>
<context>
    <name>Flotilla::RunListModel</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Eingereiht</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Exit code</source>
        <translation>Exit-Code</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Run ID</source>
        <translation>Lauf-ID</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>Engine</translation>
    </message>
    <message>
        <source>Max memory (MB)</source>
        <translation>Max. Speicher (MB)</translation>
    </message>
</context>
<context>
    <name>Flotilla::RunOutcome</name>
    <message>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Stopped by user</source>
        <translation>Vom Benutzer gestoppt</translation>
    </message>
    <message>
        <source>Out of memory</source>
        <translation>Kein Speicher mehr</translation>
    </message>
</context>
<context>
    <name>Flotilla::RunSelectionActions</name>
    <message>
        <source>&amp;Stop Run…</source>
        <translation>Lauf &amp;stoppen…</translation>
    </message>
    <message>
        <source>&amp;Retry…</source>
        <translation>&amp;Wiederholen…</translation>
    </message>
    <message>
        <source>&amp;Watch</source>
        <translation>&amp;Beobachten</translation>
    </message>
    <message>
        <source>Copy &amp;IDs</source>
        <translation>&amp;IDs kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;Link</source>
        <translation>&amp;Link kopieren</translation>
    </message>
    <message>
        <source>Notify me when the selected runs end</source>
        <translation>Benachrichtigen, wenn die ausgewählten Läufe enden</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Stop %n Runs…</source>
        <translation>
            <numerusform>%n Lauf &amp;stoppen…</numerusform>
            <numerusform>%n Läufe &amp;stoppen…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Retry %n Runs…</source>
        <translation>
            <numerusform>%n Lauf &amp;wiederholen…</numerusform>
            <numerusform>%n Läufe &amp;wiederholen…</numerusform>
        </translation>
    </message>
    <message>
        <source>Co&amp;mpare</source>
        <translation>&amp;Vergleichen</translation>
    </message>
    <message>
        <source>Compare the two selected runs side by side: fields, env and logs</source>
        <translation>Die zwei ausgewählten Läufe nebeneinander vergleichen: Felder, Umgebung und Logs</translation>
    </message>
</context>
<context>
    <name>Flotilla::RunState</name>
    <message>
        <source>Queued</source>
        <translation>Eingereiht</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Needs retry</source>
        <translation>Wiederholung nötig</translation>
    </message>
</context>
<context>
    <name>Flotilla::RunTimelineChart</name>
    <message>
        <source>Run timeline</source>
        <translation>Zeitleiste der Läufe</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
    <message numerus="yes">
        <source>%n runs in this pixel, from %1 on; click to zoom in</source>
        <translation>
            <numerusform>%n Lauf in diesem Pixel, ab %1; zum Vergrößern klicken</numerusform>
            <numerusform>%n Läufe in diesem Pixel, ab %1; zum Vergrößern klicken</numerusform>
        </translation>
    </message>
    <message>
        <source>%1
Run %2
Started: %3
Finished: %4
Duration: %5
%6</source>
        <translation>%1
Lauf %2
Gestartet: %3
Beendet: %4
Dauer: %5
%6</translation>
    </message>
    <message>
        <source>still running</source>
        <translation>läuft noch</translation>
    </message>
</context>
<context>
    <name>Flotilla::RunTimelineModel</name>
    <message>
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>Definition</source>
        <translation>Definition</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Lanes</source>
        <translation>Spuren</translation>
    </message>
</context>
<context>
    <name>Flotilla::RunTimelineView</name>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
    <message>
        <source>Last week</source>
        <translation>Letzte Woche</translation>
    </message>
    <message>
        <source>Chosen range</source>
        <translation>Gewählter Zeitraum</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>A row per cluster</source>
        <translation>Eine Zeile je Cluster</translation>
    </message>
    <message>
        <source>A row per definition</source>
        <translation>Eine Zeile je Definition</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Show All</source>
        <translation>Alles zeigen</translation>
    </message>
    <message>
        <source>Show the whole range again (Home). Zoom with the wheel, pan by dragging.</source>
        <translation>Wieder den ganzen Zeitraum zeigen (Pos1). Mit dem Mausrad zoomen, durch Ziehen verschieben.</translation>
    </message>
    <message>
        <source>Show the whole range</source>
        <translation>Den ganzen Zeitraum zeigen</translation>
    </message>
    <message>
        <source>Timeline status</source>
        <translation>Status der Zeitleiste</translation>
    </message>
    <message>
        <source>Choose a range that starts before it ends.</source>
        <translation>Wählen Sie einen Zeitraum, der vor seinem Ende beginnt.</translation>
    </message>
    <message numerus="yes">
        <source>Loading runs… %n so far</source>
        <translation>
            <numerusform>Läufe werden geladen… bisher %n</numerusform>
            <numerusform>Läufe werden geladen… bisher %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) in range</source>
        <translation>
            <numerusform>%n Lauf im Zeitraum</numerusform>
            <numerusform>%n Läufe im Zeitraum</numerusform>
        </translation>
    </message>
    <message>
        <source>timeline</source>
        <translation>zeitleiste</translation>
    </message>
</context>
<context>
    <name>Flotilla::RunView</name>
    <message>
        <source>&amp;Stop…</source>
        <translation>&amp;Stoppen…</translation>
    </message>
    <message>
        <source>&amp;Retry…</source>
        <translation>&amp;Wiederholen…</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <source>Run state</source>
        <translation>Laufstatus</translation>
    </message>
    <message>
        <source>Exit code and reason</source>
        <translation>Exit-Code und Grund</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Stop run</source>
        <translation>Lauf stoppen</translation>
    </message>
    <message>
        <source>Retry run</source>
        <translation>Lauf wiederholen</translation>
    </message>
    <message>
        <source>Run ID:</source>
        <translation>Lauf-ID:</translation>
    </message>
    <message>
        <source>Run ID</source>
        <translation>Lauf-ID</translation>
    </message>
    <message>
        <source>Definition ID:</source>
        <translation>Definitions-ID:</translation>
    </message>
    <message>
        <source>Definition ID</source>
        <translation>Definitions-ID</translation>
    </message>
    <message>
        <source>Alias:</source>
        <translation>Alias:</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <source>Image:</source>
        <translation>Image:</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Command:</source>
        <translation>Befehl:</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Cluster:</source>
        <translation>Cluster:</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation>Besitzer:</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Besitzer</translation>
    </message>
    <message>
        <source>Queued:</source>
        <translation>Eingereiht:</translation>
    </message>
    <message>
        <source>Queued at</source>
        <translation>Eingereiht um</translation>
    </message>
    <message>
        <source>Started:</source>
        <translation>Gestartet:</translation>
    </message>
    <message>
        <source>Started at</source>
        <translation>Gestartet um</translation>
    </message>
    <message>
        <source>Finished:</source>
        <translation>Beendet:</translation>
    </message>
    <message>
        <source>Finished at</source>
        <translation>Beendet um</translation>
    </message>
    <message>
        <source>Environment:</source>
        <translation>Umgebung:</translation>
    </message>
    <message>
        <source>Run details</source>
        <translation>Details des Laufs</translation>
    </message>
    <message>
        <source>Copy to the clipboard</source>
        <translation>In die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Exit code %1</source>
        <translation>Exit-Code %1</translation>
    </message>
    <message>
        <source>Duration %1</source>
        <translation>Dauer %1</translation>
    </message>
    <message>
        <source>Copy the run ID</source>
        <translation>Die Lauf-ID kopieren</translation>
    </message>
    <message>
        <source>Copy the definition ID</source>
        <translation>Die Definitions-ID kopieren</translation>
    </message>
    <message>
        <source>Payload:</source>
        <translation>Parameter:</translation>
    </message>
    <message>
        <source>Template payload</source>
        <translation>Parameter der Vorlage</translation>
    </message>
    <message>
        <source>Engine:</source>
        <translation>Engine:</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>Engine</translation>
    </message>
    <message>
        <source>Node lifecycle:</source>
        <translation>Knoten-Lebenszyklus:</translation>
    </message>
    <message>
        <source>Node lifecycle</source>
        <translation>Knoten-Lebenszyklus</translation>
    </message>
    <message>
        <source>Instance:</source>
        <translation>Instanz:</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Instanz</translation>
    </message>
    <message>
        <source>Pod:</source>
        <translation>Pod:</translation>
    </message>
    <message>
        <source>Pod name</source>
        <translation>Pod-Name</translation>
    </message>
    <message>
        <source>Copy the pod name</source>
        <translation>Pod-Namen kopieren</translation>
    </message>
    <message>
        <source>Attempts:</source>
        <translation>Versuche:</translation>
    </message>
    <message>
        <source>Attempt count</source>
        <translation>Anzahl der Versuche</translation>
    </message>
    <message>
        <source>GPUs:</source>
        <translation>GPUs:</translation>
    </message>
    <message>
        <source>GPUs</source>
        <translation>GPUs</translation>
    </message>
    <message>
        <source>Log and events</source>
        <translation>Log und Ereignisse</translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation>&amp;Log</translation>
    </message>
    <message>
        <source>&amp;Events</source>
        <translation>&amp;Ereignisse</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>Ressourcen</translation>
    </message>
    <message>
        <source>%1 in words</source>
        <translation>%1 in Worten</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Speicher:</translation>
    </message>
    <message>
        <source>Memory usage</source>
        <translation>Speichernutzung</translation>
    </message>
    <message>
        <source>CPU:</source>
        <translation>CPU:</translation>
    </message>
    <message>
        <source>CPU usage</source>
        <translation>CPU-Nutzung</translation>
    </message>
    <message>
        <source>Out of memory</source>
        <translation>Kein Speicher mehr</translation>
    </message>
    <message>
        <source>Killed for running out of memory: it used %1 of its %2 limit.</source>
        <translation>Wegen Speichermangels beendet: %1 von %2 Limit verbraucht.</translation>
    </message>
    <message>
        <source>Killed for running out of memory.</source>
        <translation>Wegen Speichermangels beendet.</translation>
    </message>
    <message>
        <source>Retry with %1 or more.</source>
        <translation>Mit %1 oder mehr wiederholen.</translation>
    </message>
    <message>
        <source>&amp;Events (%1)</source>
        <translation>&amp;Ereignisse (%1)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&amp;Watch</source>
        <translation>&amp;Beobachten</translation>
    </message>
    <message>
        <source>Copy &amp;Link</source>
        <translation>&amp;Link kopieren</translation>
    </message>
    <message>
        <source>Copy a link to this run</source>
        <translation>Einen Link zu diesem Lauf kopieren</translation>
    </message>
    <message>
        <source>Copy a flotilla:// link to this run (and its web UI address, where the profile has one)</source>
        <translation>Einen flotilla://-Link zu diesem Lauf kopieren (und seine Web-UI-Adresse, wo das Profil eine hat)</translation>
    </message>
    <message>
        <source>Watch run</source>
        <translation>Lauf beobachten</translation>
    </message>
    <message>
        <source>Notify me when this run ends</source>
        <translation>Benachrichtigen, wenn dieser Lauf endet</translation>
    </message>
    <message>
        <source>Com&amp;pare with Previous Run</source>
        <translation>Mit &amp;vorherigem Lauf vergleichen</translation>
    </message>
    <message>
        <source>Compare with the previous run</source>
        <translation>Mit dem vorherigen Lauf vergleichen</translation>
    </message>
    <message>
        <source>Compare with the newest run of the same definition or template that started before this one</source>
        <translation>Mit dem neuesten Lauf derselben Definition oder Vorlage vergleichen, der vor diesem gestartet ist</translation>
    </message>
</context>
<context>
    <name>Flotilla::RunsPage</name>
    <message>
        <source>Runs as</source>
        <translation>Läufe als</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
</context>
<context>
    <name>Flotilla::SchemaForm</name>
    <message>
        <source>This template declares no parameters.</source>
        <translation>Diese Vorlage hat keine Parameter.</translation>
    </message>
    <message>
        <source>The parameters cannot be shown as a form: their schema does not describe an object. The template&apos;s defaults are used.</source>
        <translation>Die Parameter lassen sich nicht als Formular zeigen: ihr Schema beschreibt kein Objekt. Es gelten die Vorgaben der Vorlage.</translation>
    </message>
    <message>
        <source>required</source>
        <translation>erforderlich</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Clear %1</source>
        <translation>%1 leeren</translation>
    </message>
    <message>
        <source>Leave %1 unset, so the template&apos;s default applies</source>
        <translation>%1 nicht setzen, damit die Vorgabe der Vorlage gilt</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Add item to %1</source>
        <translation>Eintrag zu %1 hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove item from %1</source>
        <translation>Eintrag aus %1 entfernen</translation>
    </message>
    <message>
        <source>A whole number</source>
        <translation>Eine ganze Zahl</translation>
    </message>
    <message>
        <source>A JSON value</source>
        <translation>Ein JSON-Wert</translation>
    </message>
    <message>
        <source>Item %1: %2</source>
        <translation>Eintrag %1: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Flotilla::ServerConnection</name>
    <message>
        <source>Profile &quot;%1&quot; has no server URL; set one in Settings.</source>
        <translation>Das Profil „%1“ hat keine Server-URL; legen Sie eine in den Einstellungen fest.</translation>
    </message>
</context>
<context>
    <name>Flotilla::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Einstellungsseiten</translation>
    </message>
    <message>
        <source>&amp;Profiles</source>
        <translation>&amp;Profile</translation>
    </message>
    <message>
        <source>Server profiles</source>
        <translation>Serverprofile</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>Add profile</source>
        <translation>Profil hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Entfernen…</translation>
    </message>
    <message>
        <source>Remove profile</source>
        <translation>Profil entfernen</translation>
    </message>
    <message>
        <source>Set &amp;default</source>
        <translation>Als Standard &amp;festlegen</translation>
    </message>
    <message>
        <source>Make this the default profile</source>
        <translation>Dieses Profil zum Standard machen</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>Profilname</translation>
    </message>
    <message>
        <source>e.g. production</source>
        <translation>z. B. production</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>Server-URL</translation>
    </message>
    <message>
        <source>https://flotilla.example.com</source>
        <translation>https://flotilla.example.com</translation>
    </message>
    <message>
        <source>&amp;Flavour:</source>
        <translation>&amp;Variante:</translation>
    </message>
    <message>
        <source>Server flavour</source>
        <translation>Servervariante</translation>
    </message>
    <message>
        <source>&amp;Owner ID:</source>
        <translation>&amp;Besitzer-ID:</translation>
    </message>
    <message>
        <source>Owner ID for launches</source>
        <translation>Besitzer-ID für Starts</translation>
    </message>
    <message>
        <source>your login name</source>
        <translation>Ihr Anmeldename</translation>
    </message>
    <message>
        <source>Default &amp;cluster:</source>
        <translation>Standard-&amp;Cluster:</translation>
    </message>
    <message>
        <source>Default cluster</source>
        <translation>Standard-Cluster</translation>
    </message>
    <message>
        <source>the server&apos;s default</source>
        <translation>Vorgabe des Servers</translation>
    </message>
    <message>
        <source>Bearer &amp;token:</source>
        <translation>Bearer-&amp;Token:</translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation>Bearer-Token</translation>
    </message>
    <message>
        <source>none</source>
        <translation>kein Token</translation>
    </message>
    <message>
        <source>Extra &amp;headers:</source>
        <translation>&amp;Zusätzliche Header:</translation>
    </message>
    <message>
        <source>Extra HTTP headers</source>
        <translation>Zusätzliche HTTP-Header</translation>
    </message>
    <message>
        <source>Name: value, one per line</source>
        <translation>Name: Wert, einer pro Zeile</translation>
    </message>
    <message>
        <source>The token and headers are kept in the system keychain only.</source>
        <translation>Token und Header werden nur im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <source>Test co&amp;nnection</source>
        <translation>Verbin&amp;dung testen</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>&amp;Save profile</source>
        <translation>Profil &amp;speichern</translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation>Profil speichern</translation>
    </message>
    <message>
        <source>Profile status</source>
        <translation>Profilstatus</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>&amp;Allgemein</translation>
    </message>
    <message>
        <source>&amp;Runs list refresh:</source>
        <translation>Aktualisierung der &amp;Laufliste:</translation>
    </message>
    <message>
        <source>Runs list refresh interval in seconds</source>
        <translation>Aktualisierungsintervall der Laufliste in Sekunden</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Automatic refreshes often for the local server and every 5 s for remote ones.</source>
        <translation>„Automatisch“ aktualisiert beim lokalen Server häufig und bei entfernten alle 5 s.</translation>
    </message>
    <message>
        <source>Dialog buttons</source>
        <translation>Dialogschaltflächen</translation>
    </message>
    <message>
        <source>Detect automatically</source>
        <translation>Automatisch erkennen</translation>
    </message>
    <message>
        <source>Flotilla control plane (flotilla-local)</source>
        <translation>Flotilla-Steuerungsebene (flotilla-local)</translation>
    </message>
    <message>
        <source>Flotilla upstream (current, API v6)</source>
        <translation>Flotilla upstream (aktuell, API v6)</translation>
    </message>
    <message>
        <source>Flotilla upstream (2018, API v1)</source>
        <translation>Flotilla upstream (2018, API v1)</translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation>%1 (Standard)</translation>
    </message>
    <message>
        <source>&quot;local&quot; is the control plane on this computer; it is built in and cannot be changed.</source>
        <translation>„local“ ist die Steuerungsebene auf diesem Rechner; sie ist eingebaut und kann nicht geändert werden.</translation>
    </message>
    <message>
        <source>Extra headers, line %1: write &quot;Name: value&quot; with an HTTP header name, e.g. &quot;X-Proxy-Auth: secret&quot;; got &quot;%2&quot;.</source>
        <translation>Zusätzliche Header, Zeile %1: Schreiben Sie „Name: Wert“ mit einem HTTP-Headernamen, z. B. „X-Proxy-Auth: secret“; erhalten: „%2“.</translation>
    </message>
    <message>
        <source>A profile named &quot;%1&quot; exists already; choose another name.</source>
        <translation>Ein Profil namens „%1“ gibt es schon; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>Saved profile &quot;%1&quot;.</source>
        <translation>Profil „%1“ gespeichert.</translation>
    </message>
    <message>
        <source>The profile was not saved.</source>
        <translation>Das Profil wurde nicht gespeichert.</translation>
    </message>
    <message>
        <source>Remove the profile &quot;%1&quot; and its secrets?</source>
        <translation>Das Profil „%1“ und seine Geheimnisse entfernen?</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Removed profile &quot;%1&quot;.</source>
        <translation>Profil „%1“ entfernt.</translation>
    </message>
    <message>
        <source>The profile was kept.</source>
        <translation>Das Profil wurde behalten.</translation>
    </message>
    <message>
        <source>Connected: %1.</source>
        <translation>Verbunden: %1.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung mit %1 wird hergestellt…</translation>
    </message>
    <message>
        <source>&amp;Web UI address:</source>
        <translation>&amp;Web-UI-Adresse:</translation>
    </message>
    <message>
        <source>Web UI address</source>
        <translation>Web-UI-Adresse</translation>
    </message>
    <message>
        <source>Where this server&apos;s upstream web UI runs; copied links then name its page too</source>
        <translation>Wo die Upstream-Web-UI dieses Servers läuft; kopierte Links nennen dann auch ihre Seite</translation>
    </message>
    <message>
        <source>none, e.g. https://flotilla-ui.example.com</source>
        <translation>keine, z. B. https://flotilla-ui.example.com</translation>
    </message>
    <message>
        <source>&amp;Notifications</source>
        <translation>&amp;Benachrichtigungen</translation>
    </message>
    <message>
        <source>Watched runs</source>
        <translation>Beobachtete Läufe</translation>
    </message>
    <message>
        <source>&amp;Notify me when a watched run ends</source>
        <translation>&amp;Benachrichtigen, wenn ein beobachteter Lauf endet</translation>
    </message>
    <message>
        <source>Notify when watched runs end</source>
        <translation>Benachrichtigen, wenn beobachtete Läufe enden</translation>
    </message>
    <message>
        <source>&amp;Failures stay on screen until dismissed</source>
        <translation>&amp;Fehlschläge bleiben sichtbar, bis sie geschlossen werden</translation>
    </message>
    <message>
        <source>Failure notifications stay until dismissed</source>
        <translation>Fehlschlag-Benachrichtigungen bleiben, bis sie geschlossen werden</translation>
    </message>
    <message>
        <source>Runs launched here are watched by themselves. Watch any other run from its window or the runs table, and every run of a definition from its context menu.</source>
        <translation>Hier gestartete Läufe werden von selbst beobachtet. Jeden anderen Lauf beobachten Sie aus seinem Fenster oder der Lauftabelle, alle Läufe einer Definition aus ihrem Kontextmenü.</translation>
    </message>
    <message>
        <source>Tray</source>
        <translation>Infobereich</translation>
    </message>
    <message>
        <source>&amp;Keep running in the tray when the window is closed while runs are active</source>
        <translation>Im Infobereich &amp;weiterlaufen, wenn das Fenster geschlossen wird, während Läufe aktiv sind</translation>
    </message>
    <message>
        <source>Keep running in the tray</source>
        <translation>Im Infobereich weiterlaufen</translation>
    </message>
</context>
<context>
    <name>Flotilla::StarController</name>
    <message>
        <source>S&amp;tarred</source>
        <translation>Mit S&amp;tern</translation>
    </message>
    <message>
        <source>Show only starred</source>
        <translation>Nur mit Stern zeigen</translation>
    </message>
    <message>
        <source>Show only the starred definitions</source>
        <translation>Nur die Definitionen mit Stern zeigen</translation>
    </message>
    <message>
        <source>Show only the starred templates</source>
        <translation>Nur die Vorlagen mit Stern zeigen</translation>
    </message>
    <message>
        <source>Un&amp;star</source>
        <translation>Stern &amp;entfernen</translation>
    </message>
    <message>
        <source>&amp;Star</source>
        <translation>&amp;Stern setzen</translation>
    </message>
    <message>
        <source>Remove the star: the item no longer comes first</source>
        <translation>Stern entfernen: Das Element steht nicht mehr vorn</translation>
    </message>
    <message>
        <source>Star: the item comes first in the list and in the tray&apos;s Launch menu</source>
        <translation>Stern: Das Element steht vorn in der Liste und im Startmenü des Infobereichs</translation>
    </message>
</context>
<context>
    <name>Flotilla::Tables</name>
    <message>
        <source>Runs of this definition</source>
        <translation>Läufe dieser Definition</translation>
    </message>
    <message>
        <source>Definitions</source>
        <translation>Definitionen</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Runs of this template</source>
        <translation>Läufe dieser Vorlage</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Vorlagen</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>Run events</source>
        <translation>Ereignisse des Laufs</translation>
    </message>
    <message>
        <source>Fields of both runs</source>
        <translation>Felder beider Läufe</translation>
    </message>
    <message>
        <source>Environment of both runs</source>
        <translation>Umgebung beider Läufe</translation>
    </message>
    <message>
        <source>Commands of both runs</source>
        <translation>Befehle beider Läufe</translation>
    </message>
    <message>
        <source>Payloads of both runs</source>
        <translation>Parameter beider Läufe</translation>
    </message>
    <message>
        <source>Both logs, aligned</source>
        <translation>Beide Logs, ausgerichtet</translation>
    </message>
</context>
<context>
    <name>Flotilla::TagsModel</name>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
</context>
<context>
    <name>Flotilla::TemplateDetails</name>
    <message>
        <source>Schema</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation>Vorgaben</translation>
    </message>
    <message>
        <source>Command template</source>
        <translation>Befehlsvorlage</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Every version of this template; runs keep the version they ran</source>
        <translation>Jede Version dieser Vorlage; Läufe behalten die Version, mit der sie liefen</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>&amp;Version:</translation>
    </message>
    <message>
        <source>Template ID:</source>
        <translation>Vorlagen-ID:</translation>
    </message>
    <message>
        <source>Image:</source>
        <translation>Image:</translation>
    </message>
    <message>
        <source>Memory (MB):</source>
        <translation>Arbeitsspeicher (MB):</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>Tags:</translation>
    </message>
    <message>
        <source>Co&amp;mmand template</source>
        <translation>&amp;Befehlsvorlage</translation>
    </message>
    <message>
        <source>&amp;Schema</source>
        <translation>&amp;Schema</translation>
    </message>
    <message>
        <source>&amp;Defaults</source>
        <translation>&amp;Vorgaben</translation>
    </message>
    <message>
        <source>&amp;Environment</source>
        <translation>&amp;Umgebung</translation>
    </message>
    <message>
        <source>Template contents</source>
        <translation>Inhalt der Vorlage</translation>
    </message>
    <message>
        <source>Select a template to see its versions, schema and runs.</source>
        <translation>Wählen Sie eine Vorlage, um ihre Versionen, ihr Schema und ihre Läufe zu sehen.</translation>
    </message>
    <message>
        <source>CPU (units):</source>
        <translation>CPU (Einheiten):</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Verlauf</translation>
    </message>
</context>
<context>
    <name>Flotilla::TemplateLaunchDialog</name>
    <message>
        <source>Launch Template</source>
        <translation>Vorlage starten</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>Vorlage:</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>&amp;Form</source>
        <translation>&amp;Formular</translation>
    </message>
    <message>
        <source>Payload form</source>
        <translation>Parameterformular</translation>
    </message>
    <message>
        <source>Payload fields</source>
        <translation>Parameterfelder</translation>
    </message>
    <message>
        <source>&amp;JSON</source>
        <translation>&amp;JSON</translation>
    </message>
    <message>
        <source>Payload as JSON</source>
        <translation>Parameter als JSON</translation>
    </message>
    <message>
        <source>JSON problem</source>
        <translation>JSON-Problem</translation>
    </message>
    <message>
        <source>Payload problems</source>
        <translation>Probleme der Parameter</translation>
    </message>
    <message>
        <source>Command, as the server will run it:</source>
        <translation>Befehl, wie der Server ihn ausführen wird:</translation>
    </message>
    <message>
        <source>Rendered command</source>
        <translation>Erzeugter Befehl</translation>
    </message>
    <message>
        <source>&amp;Cluster:</source>
        <translation>&amp;Cluster:</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>&amp;Owner ID:</source>
        <translation>&amp;Besitzer-ID:</translation>
    </message>
    <message>
        <source>Owner ID</source>
        <translation>Besitzer-ID</translation>
    </message>
    <message>
        <source>M&amp;emory:</source>
        <translation>Spei&amp;cher:</translation>
    </message>
    <message>
        <source>Memory in MB</source>
        <translation>Arbeitsspeicher in MB</translation>
    </message>
    <message>
        <source>As in the template</source>
        <translation>Wie in der Vorlage</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>E&amp;nvironment:</source>
        <translation>U&amp;mgebung:</translation>
    </message>
    <message>
        <source>Environment variables</source>
        <translation>Umgebungsvariablen</translation>
    </message>
    <message>
        <source>Launch problem</source>
        <translation>Startproblem</translation>
    </message>
    <message>
        <source>Dialog buttons</source>
        <translation>Dialogschaltflächen</translation>
    </message>
    <message>
        <source>Retry %1</source>
        <translation>%1 wiederholen</translation>
    </message>
    <message>
        <source>Launch %1</source>
        <translation>%1 starten</translation>
    </message>
    <message>
        <source>This is not JSON yet; the form keeps the last payload that was.</source>
        <translation>Das ist noch kein JSON; das Formular behält die letzten gültigen Parameter.</translation>
    </message>
    <message>
        <source>The payload must be a JSON object: {&quot;name&quot;: value, …}.</source>
        <translation>Die Parameter müssen ein JSON-Objekt sein: {&quot;name&quot;: Wert, …}.</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) in the payload; see the fields above.</source>
        <translation>
            <numerusform>%n Problem in den Parametern; siehe die Felder oben.</numerusform>
            <numerusform>%n Probleme in den Parametern; siehe die Felder oben.</numerusform>
        </translation>
    </message>
    <message>
        <source>(shown once the payload is valid)</source>
        <translation>(erscheint, sobald die Parameter gültig sind)</translation>
    </message>
    <message>
        <source>C&amp;PU:</source>
        <translation>C&amp;PU:</translation>
    </message>
    <message>
        <source>CPU in CPU units</source>
        <translation>CPU in CPU-Einheiten</translation>
    </message>
    <message>
        <source>1024 CPU units are one core</source>
        <translation>1024 CPU-Einheiten sind ein Kern</translation>
    </message>
    <message>
        <source> CPU units</source>
        <translation> CPU-Einheiten</translation>
    </message>
    <message>
        <source>En&amp;gine:</source>
        <translation>En&amp;gine:</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>Engine</translation>
    </message>
    <message>
        <source>No&amp;de lifecycle:</source>
        <translation>K&amp;noten-Lebenszyklus:</translation>
    </message>
    <message>
        <source>Node lifecycle</source>
        <translation>Knoten-Lebenszyklus</translation>
    </message>
</context>
<context>
    <name>Flotilla::TemplateListModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Memory (MB)</source>
        <translation>Speicher (MB)</translation>
    </message>
    <message>
        <source>CPU (units)</source>
        <translation>CPU (Einheiten)</translation>
    </message>
</context>
<context>
    <name>Flotilla::TemplatesPage</name>
    <message>
        <source>Show &amp;all versions</source>
        <translation>&amp;Alle Versionen zeigen</translation>
    </message>
    <message>
        <source>Show all versions</source>
        <translation>Alle Versionen zeigen</translation>
    </message>
    <message>
        <source>List every version of each template, not only the latest</source>
        <translation>Jede Version jeder Vorlage auflisten, nicht nur die neueste</translation>
    </message>
    <message>
        <source>&amp;Launch…</source>
        <translation>&amp;Starten…</translation>
    </message>
    <message>
        <source>Launch the selected template</source>
        <translation>Die gewählte Vorlage starten</translation>
    </message>
    <message>
        <source>Copy &amp;Link</source>
        <translation>&amp;Link kopieren</translation>
    </message>
</context>
<context>
    <name>Flotilla::TrayMenu</name>
    <message>
        <source>Flotilla tray menu</source>
        <translation>Flotilla-Menü im Infobereich</translation>
    </message>
</context>
<context>
    <name>Flotilla::TrayState</name>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1: %2 (%3)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Flotilla</source>
        <translation>Flotilla</translation>
    </message>
    <message>
        <source>No active runs</source>
        <translation>Keine aktiven Läufe</translation>
    </message>
    <message numerus="yes">
        <source>%n active run(s), %1 running</source>
        <translation>
            <numerusform>%n aktiver Lauf, %1 laufend</numerusform>
            <numerusform>%n aktive Läufe, %1 laufend</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) failed since you last looked</source>
        <translation>
            <numerusform>%n Lauf ist fehlgeschlagen, seit Sie zuletzt nachgesehen haben</numerusform>
            <numerusform>%n Läufe sind fehlgeschlagen, seit Sie zuletzt nachgesehen haben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n active run(s)</source>
        <translation>
            <numerusform>%n aktiver Lauf</numerusform>
            <numerusform>%n aktive Läufe</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more…</source>
        <translation>
            <numerusform>und %n weiterer…</numerusform>
            <numerusform>und %n weitere…</numerusform>
        </translation>
    </message>
    <message>
        <source>Recently finished</source>
        <translation>Kürzlich beendet</translation>
    </message>
    <message>
        <source>&amp;Show Window</source>
        <translation>&amp;Fenster zeigen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Launch</source>
        <translation>&amp;Starten</translation>
    </message>
</context>
<context>
    <name>Flotilla::WatchCenter</name>
    <message>
        <source>Flotilla keeps running</source>
        <translation>Flotilla läuft weiter</translation>
    </message>
    <message>
        <source>Runs are still active, so Flotilla stays in the tray and tells you when watched runs end. Quit from the tray&apos;s menu.</source>
        <translation>Es sind noch Läufe aktiv, daher bleibt Flotilla im Infobereich und meldet, wenn beobachtete Läufe enden. Beenden Sie es über das Menü im Infobereich.</translation>
    </message>
    <message>
        <source>Starred</source>
        <translation>Mit Stern</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>Zuletzt gestartet</translation>
    </message>
</context>
<context>
    <name>LogSpill</name>
    <message>
        <source>Cannot create the folder %1 for the log&apos;s spill file; check that the cache folder is writable.</source>
        <translation>Der Ordner %1 für die Auslagerungsdatei des Logs lässt sich nicht anlegen; prüfen Sie, ob der Cache-Ordner beschreibbar ist.</translation>
    </message>
    <message>
        <source>Cannot create the log&apos;s spill file %1: %2; check that the cache folder is writable and has space.</source>
        <translation>Die Auslagerungsdatei %1 des Logs lässt sich nicht anlegen: %2; prüfen Sie, ob der Cache-Ordner beschreibbar ist und Platz hat.</translation>
    </message>
    <message>
        <source>The log&apos;s spill file could not be created.</source>
        <translation>Die Auslagerungsdatei des Logs konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot write the log&apos;s spill file %1: %2; free some space in the cache folder.</source>
        <translation>Die Auslagerungsdatei %1 des Logs lässt sich nicht schreiben: %2; schaffen Sie Platz im Cache-Ordner.</translation>
    </message>
    <message>
        <source>The spill already begins at the log&apos;s first byte; nothing comes before it.</source>
        <translation>Die Auslagerung beginnt bereits beim ersten Byte des Logs; davor gibt es nichts.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Not a valid regular expression: %1 at position %2; fix it or search for plain text.</source>
        <translation>Kein gültiger regulärer Ausdruck: %1 an Position %2; korrigieren Sie ihn oder suchen Sie nach reinem Text.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Flotilla Desktop: define tasks, launch runs and watch them live.</source>
        <translation>Flotilla Desktop: Aufgaben definieren, Läufe starten und live verfolgen.</translation>
    </message>
    <message>
        <source>Data dir of the local control plane (default: %1).</source>
        <translation>Datenverzeichnis der lokalen Steuerungsebene (Vorgabe: %1).</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>VERZEICHNIS</translation>
    </message>
    <message>
        <source>Do not start the local control plane.</source>
        <translation>Die lokale Steuerungsebene nicht starten.</translation>
    </message>
    <message>
        <source>Notify when the run ends (of the server shown first).</source>
        <translation>Benachrichtigen, wenn der Lauf endet (auf dem zuerst gezeigten Server).</translation>
    </message>
    <message>
        <source>RUN_ID</source>
        <translation>LAUF_ID</translation>
    </message>
    <message>
        <source>A link to open: flotilla://PROFILE/run/RUN_ID, flotilla://PROFILE/definition/ID or flotilla://PROFILE/template/ID.</source>
        <translation>Ein zu öffnender Link: flotilla://PROFIL/run/LAUF_ID, flotilla://PROFIL/definition/ID oder flotilla://PROFIL/template/ID.</translation>
    </message>
</context>
</TS>
