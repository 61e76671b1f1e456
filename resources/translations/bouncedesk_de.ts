<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
    <context>
        <name>AccountController</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="303" />
            <source>%1: the servers are filled in.</source>
            <translation>%1: Die Server sind eingetragen.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="437" />
            <source>Connected and logged in. The server has %n folder(s).</source>
            <translation>
                <numerusform>Verbunden und angemeldet. Der Server hat %n Ordner.</numerusform>
                <numerusform>Verbunden und angemeldet. Der Server hat %n Ordner.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="420" />
            <source>Connecting…</source>
            <translation>Verbinde…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="387" />
            <source>Enter the IMAP server's name.</source>
            <translation>Bitte den Namen des IMAP-Servers eingeben.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="407" />
            <source>Enter the password.</source>
            <translation>Bitte das Passwort eingeben.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="448" />
            <source>Not on the server: %1.</source>
            <translation>Nicht auf dem Server: %1.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="445" />
            <source>Sent folder: %1.</source>
            <translation>Ordner für gesendete Nachrichten: %1.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="501" />
            <source>The account was removed meanwhile.</source>
            <translation>Das Konto wurde inzwischen entfernt.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="453" />
            <source>The processed folder will be created on the first sync.</source>
            <translation>Der Ordner für verarbeitete Bounces wird beim ersten Abruf angelegt.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="330" />
            <source>not filled in yet</source>
            <translation>noch nicht eingetragen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="377" />
            <source>unchanged (kept in the system keyring)</source>
            <translation>unverändert (im Schlüsselbund des Systems)</translation>
        </message>
    </context>
    <context>
        <name>AccountDialog</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="92" />
            <source>&amp;E-mail address:</source>
            <translation>&amp;E-Mail-Adresse:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="94" />
            <source>&amp;Name:</source>
            <translation>&amp;Name:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="93" />
            <source>&amp;Password:</source>
            <translation>&amp;Passwort:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="117" />
            <source>&amp;Server:</source>
            <translation>&amp;Server:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="201" />
            <source>&amp;Test connection</source>
            <translation>Verbindung &amp;testen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="121" />
            <source>&amp;User name:</source>
            <translation>&amp;Benutzername:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="122" />
            <source>Certificate:</source>
            <translation>Zertifikat:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="74" />
            <source>Enter the address that receives your bounces. For well-known providers BounceDesk fills in the servers.</source>
            <translation>Geben Sie die Adresse ein, an die Ihre Bounces gehen. Bei bekannten Anbietern trägt BounceDesk die Server selbst ein.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="154" />
            <source>Folders</source>
            <translation>Ordner</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="149" />
            <source>Folders to read bounces from</source>
            <translation>Ordner, aus denen Bounces gelesen werden</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="126" />
            <source>For retries and notices; leave empty if BounceDesk should not send</source>
            <translation>Für Wiederholungen und Hinweise; leer lassen, wenn BounceDesk nichts senden soll</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="176" />
            <source>IMAP and SMTP servers, ports, security, folders</source>
            <translation>IMAP- und SMTP-Server, Ports, Verschlüsselung, Ordner</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="115" />
            <source>Incoming mail (IMAP)</source>
            <translation>Eingehende E-Mail (IMAP)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="72" />
            <source>Mail account</source>
            <translation>E-Mail-Konto</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="157" />
            <source>Move processed bounces to:</source>
            <translation>Verarbeitete Bounces verschieben nach:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="134" />
            <source>None</source>
            <translation>Keine</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="104" />
            <source>None (only on this computer)</source>
            <translation>Keine (nur auf diesem Computer)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="110" />
            <source>Only for a server with a self-signed certificate you trust</source>
            <translation>Nur für einen Server mit selbst signiertem Zertifikat, dem Sie vertrauen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="141" />
            <source>Outgoing mail (SMTP), for retries</source>
            <translation>Ausgehende E-Mail (SMTP), für Wiederholungen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="113" />
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="139" />
            <source>Port:</source>
            <translation>Port:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="156" />
            <source>Read bounces from:</source>
            <translation>Bounces lesen aus:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="120" />
            <source>S&amp;ecurity:</source>
            <translation>&amp;Verschlüsselung:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="103" />
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="133" />
            <source>STARTTLS</source>
            <translation>STARTTLS</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="144" />
            <source>Security:</source>
            <translation>Verschlüsselung:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="158" />
            <source>Sent folder:</source>
            <translation>Gesendet-Ordner:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="170" />
            <source>Server details</source>
            <translation>Serverdetails</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="143" />
            <source>Server:</source>
            <translation>Server:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="160" />
            <source>Sign in with a provider (OAuth2) instead of a password</source>
            <translation>Beim Anbieter anmelden (OAuth2) statt mit Passwort</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="132" />
            <source>TLS</source>
            <translation>TLS</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="103" />
            <source>TLS (recommended)</source>
            <translation>TLS (empfohlen)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="84" />
            <source>e.g. Office</source>
            <translation>z. B. Büro</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="98" />
            <source>imap.example.com</source>
            <translation>imap.example.com</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="82" />
            <source>kept in the system keyring</source>
            <translation>wird im Schlüsselbund des Systems gespeichert</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="109" />
            <source>optional: SHA-256 of a self-signed certificate</source>
            <translation>optional: SHA-256 eines selbst signierten Zertifikats</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="125" />
            <source>smtp.example.com</source>
            <translation>smtp.example.com</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="107" />
            <source>usually the e-mail address</source>
            <translation>meist die E-Mail-Adresse</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="79" />
            <source>you@example.com</source>
            <translation>sie@example.com</translation>
        </message>
    </context>
    <context>
        <name>AccountsController</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/accounts.py" line="182" />
            <source>Remove account</source>
            <translation>Konto entfernen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/accounts.py" line="183" />
            <source>Remove the account “%1”? Its password is deleted from the keyring; the bounces it brought in stay.</source>
            <translation>Das Konto „%1“ entfernen? Sein Passwort wird aus dem Schlüsselbund gelöscht; die abgerufenen Bounces bleiben erhalten.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/accounts.py" line="152" />
            <source>never</source>
            <translation>nie</translation>
        </message>
    </context>
    <context>
        <name>AccountsView</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/accounts.py" line="78" />
            <source>Accounts</source>
            <translation>Konten</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/accounts.py" line="81" />
            <source>Add account…</source>
            <translation>Konto hinzufügen…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/accounts.py" line="83" />
            <source>Edit…</source>
            <translation>Bearbeiten…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/accounts.py" line="95" />
            <source>Folders</source>
            <translation>Ordner</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/accounts.py" line="96" />
            <source>Last sync</source>
            <translation>Letzter Abruf</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/accounts.py" line="79" />
            <source>Mailboxes BounceDesk reads bounces from. Passwords are kept in the system keyring.</source>
            <translation>Postfächer, aus denen BounceDesk Bounces liest. Passwörter liegen im Schlüsselbund des Systems.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/accounts.py" line="95" />
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/accounts.py" line="99" />
            <source>No account yet. Add the mailbox that receives your bounces, or import files with File → Import.</source>
            <translation>Noch kein Konto. Fügen Sie das Postfach hinzu, das Ihre Bounces empfängt, oder importieren Sie Dateien über Datei → Importieren.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/accounts.py" line="84" />
            <source>Remove</source>
            <translation>Entfernen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/accounts.py" line="95" />
            <source>Server</source>
            <translation>Server</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/accounts.py" line="85" />
            <source>Sync now</source>
            <translation>Jetzt abrufen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/accounts.py" line="95" />
            <source>User</source>
            <translation>Benutzer</translation>
        </message>
    </context>
    <context>
        <name>Actions</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="74" />
            <source>%n already suppressed</source>
            <translation>
                <numerusform>%n bereits gesperrt</numerusform>
                <numerusform>%n bereits gesperrt</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="113" />
            <source>%n back to active</source>
            <translation>
                <numerusform>%n wieder aktiv</numerusform>
                <numerusform>%n wieder aktiv</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="72" />
            <source>%n invalid</source>
            <translation>
                <numerusform>%n ungültig</numerusform>
                <numerusform>%n ungültig</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="111" />
            <source>%n left for later</source>
            <translation>
                <numerusform>%n für später gelassen</numerusform>
                <numerusform>%n für später gelassen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="62" />
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="78" />
            <source>%n not done</source>
            <translation>
                <numerusform>%n nicht erledigt</numerusform>
                <numerusform>%n nicht erledigt</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="227" />
            <source>%n recipient(s) changed</source>
            <translation>
                <numerusform>%n Empfänger geändert</numerusform>
                <numerusform>%n Empfänger geändert</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="109" />
            <source>%n skipped</source>
            <translation>
                <numerusform>%n übersprungen</numerusform>
                <numerusform>%n übersprungen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="76" />
            <source>%n still subscribed there (left alone)</source>
            <translation>
                <numerusform>%n dort noch angemeldet (unverändert)</numerusform>
                <numerusform>%n dort noch angemeldet (unverändert)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="119" />
            <source>(and %n more, see the log)</source>
            <translation>
                <numerusform>(und %n weiteres, siehe Protokoll)</numerusform>
                <numerusform>(und %n weitere, siehe Protokoll)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="256" />
            <source>Bounces now act without the check; %n waiting bounce(s) acted.</source>
            <translation>
                <numerusform>Bounces wirken jetzt ohne die Prüfung; %n wartender Bounce hat gewirkt.</numerusform>
                <numerusform>Bounces wirken jetzt ohne die Prüfung; %n wartende Bounces haben gewirkt.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="57" />
            <source>Contact recorded for %n address(es)</source>
            <translation>
                <numerusform>Kontakt für %n Adresse vermerkt</numerusform>
                <numerusform>Kontakt für %n Adressen vermerkt</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="230" />
            <source>Dismissed %n bounce(s)</source>
            <translation>
                <numerusform>%n Bounce verworfen</numerusform>
                <numerusform>%n Bounces verworfen</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="105" />
            <source>Due retries: %1 sent, %2 failed, %3 without original</source>
            <translation>Fällige Wiederholungen: %1 gesendet, %2 fehlgeschlagen, %3 ohne Original</translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="68" />
            <source>Imported %n address(es) from %1</source>
            <translation>
                <numerusform>%n Adresse aus %1 importiert</numerusform>
                <numerusform>%n Adressen aus %1 importiert</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="52" />
            <source>Marked %n address(es) as re-sent</source>
            <translation>
                <numerusform>%n Adresse als erneut gesendet markiert</numerusform>
                <numerusform>%n Adressen als erneut gesendet markiert</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="55" />
            <source>Paused %n address(es)</source>
            <translation>
                <numerusform>%n Adresse pausiert</numerusform>
                <numerusform>%n Adressen pausiert</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="58" />
            <source>Recovery undone for %n address(es)</source>
            <translation>
                <numerusform>Wiederherstellung für %n Adresse rückgängig gemacht</numerusform>
                <numerusform>Wiederherstellung für %n Adressen rückgängig gemacht</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="56" />
            <source>Resumed %n address(es)</source>
            <translation>
                <numerusform>%n Adresse fortgesetzt</numerusform>
                <numerusform>%n Adressen fortgesetzt</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="51" />
            <source>Retried %n address(es)</source>
            <translation>
                <numerusform>%n Adresse erneut gesendet</numerusform>
                <numerusform>%n Adressen erneut gesendet</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="53" />
            <source>Suppressed %n address(es)</source>
            <translation>
                <numerusform>%n Adresse gesperrt</numerusform>
                <numerusform>%n Adressen gesperrt</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="226" />
            <source>Trusted %n bounce(s)</source>
            <translation>
                <numerusform>%n Bounce anerkannt</numerusform>
                <numerusform>%n Bounces anerkannt</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="48" />
            <source>Undone for %n address(es)</source>
            <translation>
                <numerusform>Für %n Adresse rückgängig gemacht</numerusform>
                <numerusform>Für %n Adressen rückgängig gemacht</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="54" />
            <source>Unsuppressed %n address(es)</source>
            <translation>
                <numerusform>%n Adresse entsperrt</numerusform>
                <numerusform>%n Adressen entsperrt</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="231" />
            <source>no recipient changed</source>
            <translation>kein Empfänger geändert</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="171" />
            <source>not an e-mail address</source>
            <translation>keine E-Mail-Adresse</translation>
        </message>
    </context>
    <context>
        <name>Columns</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/models/tables.py" line="46" />
            <source>Attempt</source>
            <translation>Versuch</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/review.py" line="67" />
            <source>Bounce from</source>
            <translation>Bounce von</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/models/tables.py" line="68" />
            <location filename="../../desktop/bouncedesk/ui/models/tables.py" line="91" />
            <source>Bounces</source>
            <translation>Bounces</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/models/tables.py" line="43" />
            <location filename="../../desktop/bouncedesk/ui/models/tables.py" line="65" />
            <location filename="../../desktop/bouncedesk/ui/models/tables.py" line="88" />
            <location filename="../../desktop/bouncedesk/ui/models/tables.py" line="114" />
            <location filename="../../desktop/bouncedesk/ui/views/review.py" line="58" />
            <source>Code</source>
            <translation>Code</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/models/tables.py" line="113" />
            <location filename="../../desktop/bouncedesk/ui/views/review.py" line="57" />
            <source>Kind</source>
            <translation>Art</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/models/tables.py" line="50" />
            <source>Last bounce</source>
            <translation>Letzter Bounce</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/models/tables.py" line="70" />
            <source>Last seen</source>
            <translation>Zuletzt gesehen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/models/tables.py" line="48" />
            <source>Next due</source>
            <translation>Nächste fällig</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/models/tables.py" line="44" />
            <location filename="../../desktop/bouncedesk/ui/models/tables.py" line="66" />
            <location filename="../../desktop/bouncedesk/ui/models/tables.py" line="115" />
            <location filename="../../desktop/bouncedesk/ui/views/review.py" line="59" />
            <source>Reason</source>
            <translation>Grund</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/models/tables.py" line="41" />
            <location filename="../../desktop/bouncedesk/ui/models/tables.py" line="62" />
            <location filename="../../desktop/bouncedesk/ui/models/tables.py" line="83" />
            <location filename="../../desktop/bouncedesk/ui/models/tables.py" line="111" />
            <location filename="../../desktop/bouncedesk/ui/views/review.py" line="55" />
            <source>Recipient</source>
            <translation>Empfänger</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/models/tables.py" line="117" />
            <source>Server said</source>
            <translation>Antwort des Servers</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/models/tables.py" line="89" />
            <source>Since</source>
            <translation>Seit</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/models/tables.py" line="64" />
            <source>State</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/review.py" line="61" />
            <source>Trust level</source>
            <translation>Einstufung</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/models/tables.py" line="110" />
            <location filename="../../desktop/bouncedesk/ui/views/review.py" line="54" />
            <source>When</source>
            <translation>Wann</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/models/tables.py" line="86" />
            <source>Why</source>
            <translation>Warum</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/review.py" line="65" />
            <source>Why it waits</source>
            <translation>Warum zu prüfen</translation>
        </message>
    </context>
    <context>
        <name>ContactController</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/contact.py" line="196" />
            <source>Add another address that reaches this person first.</source>
            <translation>Tragen Sie zuerst eine andere Adresse ein, unter der diese Person erreichbar ist.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/contact.py" line="172" />
            <source>Contact details saved.</source>
            <translation>Kontaktdaten gespeichert.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/contact.py" line="202" />
            <source>No mail client could be opened on this computer. Use “Copy text” and paste the notice into your mail program; no contact was recorded.</source>
            <translation>Auf diesem Computer ließ sich kein E-Mail-Programm öffnen. Nutzen Sie „Text kopieren“ und fügen Sie die Nachricht in Ihr E-Mail-Programm ein; es wurde kein Kontakt vermerkt.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/contact.py" line="223" />
            <source>Sending…</source>
            <translation>Sende…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/contact.py" line="184" />
            <source>Subject: %1</source>
            <translation>Betreff: %1</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/contact.py" line="186" />
            <source>The notice is on the clipboard: paste it into a message to %1.</source>
            <translation>Die Nachricht ist in der Zwischenablage: Fügen Sie sie in eine E-Mail an %1 ein.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/contact.py" line="212" />
            <source>The notice is open in your mail client; the contact is recorded.</source>
            <translation>Der Hinweis ist in Ihrem E-Mail-Programm geöffnet; der Kontakt ist vermerkt.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/contact.py" line="183" />
            <source>To: %1</source>
            <translation>An: %1</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/contact.py" line="187" />
            <source>their other address</source>
            <translation>die andere Adresse</translation>
        </message>
    </context>
    <context>
        <name>ContactDialog</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/contact.py" line="97" />
            <source>&amp;Copy text</source>
            <translation>Text &amp;kopieren</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/contact.py" line="84" />
            <source>&amp;Language:</source>
            <translation>&amp;Sprache:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/contact.py" line="66" />
            <source>&amp;Phone:</source>
            <translation>&amp;Telefon:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/contact.py" line="92" />
            <source>&amp;Send</source>
            <translation>&amp;Senden</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/contact.py" line="45" />
            <source>Contact recipient</source>
            <translation>Empfänger kontaktieren</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/contact.py" line="98" />
            <source>Copy the address, subject and text, to paste into any mail program</source>
            <translation>Adresse, Betreff und Text kopieren, um sie in ein beliebiges E-Mail-Programm einzufügen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/contact.py" line="63" />
            <source>How else to reach them</source>
            <translation>Wie die Person sonst erreichbar ist</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/contact.py" line="67" />
            <source>N&amp;ote:</source>
            <translation>N&amp;otiz:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/contact.py" line="82" />
            <source>Notice</source>
            <translation>Hinweis</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/contact.py" line="95" />
            <source>Open in &amp;mail client</source>
            <translation>Im &amp;E-Mail-Programm öffnen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/contact.py" line="65" />
            <source>Other &amp;e-mail:</source>
            <translation>Andere &amp;E-Mail:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/contact.py" line="61" />
            <source>Save details</source>
            <translation>Angaben speichern</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/contact.py" line="93" />
            <source>Send the notice through the account's SMTP server</source>
            <translation>Den Hinweis über den SMTP-Server des Kontos senden</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/contact.py" line="85" />
            <source>Subject:</source>
            <translation>Betreff:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/contact.py" line="57" />
            <source>another address that reaches this person</source>
            <translation>eine andere Adresse, unter der die Person erreichbar ist</translation>
        </message>
    </context>
    <context>
        <name>Corrections</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/corrections.py" line="121" />
            <source>%1 recipient(s) change:</source>
            <translation>%1 Empfänger ändern sich:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/corrections.py" line="132" />
            <source>Apply</source>
            <translation>Anwenden</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/corrections.py" line="129" />
            <source>Apply this correction?</source>
            <translation>Diese Korrektur anwenden?</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/corrections.py" line="52" />
            <source>Bounces whose server words match this pattern will count as: %1. It applies to every stored bounce and to new ones.</source>
            <translation>Bounces, deren Serverantwort auf dieses Muster passt, gelten als: %1. Das gilt für alle gespeicherten und für neue Bounces.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/corrections.py" line="50" />
            <source>Correct this bounce</source>
            <translation>Diesen Bounce korrigieren</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/corrections.py" line="156" />
            <source>Created</source>
            <translation>Erstellt</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/corrections.py" line="163" />
            <source>Delete</source>
            <translation>Löschen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/corrections.py" line="246" />
            <source>Export corrections</source>
            <translation>Korrekturen exportieren</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/corrections.py" line="164" />
            <source>Export…</source>
            <translation>Exportieren…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/corrections.py" line="255" />
            <source>Import corrections</source>
            <translation>Korrekturen importieren</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/corrections.py" line="165" />
            <source>Import…</source>
            <translation>Importieren…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/corrections.py" line="157" />
            <source>Matches</source>
            <translation>Treffer</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/corrections.py" line="121" />
            <source>No recipient changes state.</source>
            <translation>Kein Empfänger ändert seinen Status.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/corrections.py" line="68" />
            <source>Only at provider:</source>
            <translation>Nur bei Anbieter:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/corrections.py" line="156" />
            <source>Pattern</source>
            <translation>Muster</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/corrections.py" line="67" />
            <source>Pattern:</source>
            <translation>Muster:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/corrections.py" line="156" />
            <source>Provider</source>
            <translation>Anbieter</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/corrections.py" line="156" />
            <source>Reason</source>
            <translation>Grund</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/corrections.py" line="162" />
            <source>Save changes</source>
            <translation>Änderungen speichern</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/corrections.py" line="66" />
            <source>The server said:</source>
            <translation>Der Server sagte:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/corrections.py" line="166" />
            <source>Undo last correction</source>
            <translation>Letzte Korrektur rückgängig machen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/corrections.py" line="250" />
            <source>Wrote %1 correction(s) to %2</source>
            <translation>%1 Korrektur(en) nach %2 geschrieben</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/corrections.py" line="152" />
            <source>Your corrections: bounces whose server words match a pattern count as the reason you chose. Right-click a bounce and choose “This is really” to add one.</source>
            <translation>Ihre Korrekturen: Bounces, deren Serverantwort auf ein Muster passt, gelten als der Grund, den Sie gewählt haben. Klicken Sie mit der rechten Maustaste auf einen Bounce und wählen Sie „Das ist eigentlich“, um eine hinzuzufügen.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/corrections.py" line="61" />
            <source>any provider</source>
            <translation>jeder Anbieter</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/corrections.py" line="37" />
            <source>not a bounce</source>
            <translation>kein Bounce</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/corrections.py" line="124" />
            <source>… and %1 more</source>
            <translation>… und %1 weitere</translation>
        </message>
    </context>
    <context>
        <name>DashboardController</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="364" />
            <source>%1 · %n time(s)</source>
            <translation>
                <numerusform>%1 · %n-mal</numerusform>
                <numerusform>%1 · %n-mal</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="324" />
            <source>%n paused</source>
            <translation>
                <numerusform>%n pausiert</numerusform>
                <numerusform>%n pausiert</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="323" />
            <source>%n recipient(s) known</source>
            <translation>
                <numerusform>%n Empfänger bekannt</numerusform>
                <numerusform>%n Empfänger bekannt</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="319" />
            <source>%n retry(s) scheduled in total</source>
            <translation>
                <numerusform>%n Wiederholung insgesamt geplant</numerusform>
                <numerusform>%n Wiederholungen insgesamt geplant</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="340" />
            <source>(none)</source>
            <translation>(keine)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="390" />
            <source>Everyone whose last bounce was a sender-side problem</source>
            <translation>Alle, deren letzter Bounce ein Problem auf Absenderseite war</translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="387" />
            <source>and %n more</source>
            <translation>
                <numerusform>und %n weiteres</numerusform>
                <numerusform>und %n weitere</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="336" />
            <source>unknown</source>
            <translation>unbekannt</translation>
        </message>
    </context>
    <context>
        <name>DashboardView</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="49" />
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n Tag</numerusform>
                <numerusform>%n Tage</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="78" />
            <source>Add a mail account…</source>
            <translation>E-Mail-Konto hinzufügen…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="115" />
            <source>Bounce rate (bounces per sent message)</source>
            <translation>Bounce-Rate (Bounces je gesendeter Nachricht)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="72" />
            <source>BounceDesk shows here how many of your e-mails bounced, why, and what to do. Bring in bounces one of these ways:</source>
            <translation>BounceDesk zeigt hier, wie viele Ihrer E-Mails zurückkamen, warum, und was zu tun ist. So kommen Bounces herein:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="108" />
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="111" />
            <source>Bounces per day</source>
            <translation>Bounces pro Tag</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="59" />
            <source>Bounces today</source>
            <translation>Bounces heute</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="60" />
            <source>Bounces, last 7 days</source>
            <translation>Bounces, letzte 7 Tage</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="106" />
            <source>Complaint</source>
            <translation>Beschwerde</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="80" />
            <source>Connect the mailbox that receives your bounces</source>
            <translation>Das Postfach verbinden, an das Ihre Bounces gehen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="44" />
            <source>Dashboard</source>
            <translation>Übersicht</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="106" />
            <source>Delay</source>
            <translation>Verzögerung</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="105" />
            <source>Hard</source>
            <translation>Hart</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="81" />
            <source>Import bounce files…</source>
            <translation>Bounce-Dateien importieren…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="63" />
            <source>Inactive</source>
            <translation>Inaktiv</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="84" />
            <source>Look around in 90 days of demo bounces, in a separate window</source>
            <translation>90 Tage Demo-Bounces ansehen, in einem eigenen Fenster</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="134" />
            <source>No bounces in this period</source>
            <translation>Keine Bounces in diesem Zeitraum</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="70" />
            <source>No bounces yet</source>
            <translation>Noch keine Bounces</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="83" />
            <source>Open the demo data</source>
            <translation>Demodaten öffnen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="82" />
            <source>Read bounces from files, an mbox or a maildir</source>
            <translation>Bounces aus Dateien, einer mbox oder einem Maildir lesen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="61" />
            <source>Retries due now</source>
            <translation>Jetzt fällige Wiederholungen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="91" />
            <source>Sender-side problems</source>
            <translation>Probleme auf Absenderseite</translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="52" />
            <source>Show the last %n day(s)</source>
            <translation>
                <numerusform>Den letzten Tag zeigen</numerusform>
                <numerusform>Die letzten %n Tage zeigen</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="105" />
            <source>Soft</source>
            <translation>Weich</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="62" />
            <source>Suppressed</source>
            <translation>Gesperrt</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="121" />
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="123" />
            <source>Top reasons</source>
            <translation>Häufigste Gründe</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="129" />
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="131" />
            <source>Top recipient domains</source>
            <translation>Häufigste Empfänger-Domains</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="125" />
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="127" />
            <source>Top status codes</source>
            <translation>Häufigste Statuscodes</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="94" />
            <source>Your sending setup, not the recipients: fix these and the bounces stop.</source>
            <translation>Ihr Versand, nicht die Empfänger: Beheben Sie das, und die Bounces hören auf.</translation>
        </message>
    </context>
    <context>
        <name>Demo</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/app.py" line="113" />
            <source>Preparing 90 days of demo bounces…</source>
            <translation>Bereite 90 Tage Demo-Bounces vor…</translation>
        </message>
    </context>
    <context>
        <name>DetailController</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="286" />
            <source>%n bounce(s)</source>
            <translation>
                <numerusform>%n Bounce</numerusform>
                <numerusform>%n Bounces</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="310" />
            <source>(undone)</source>
            <translation>(rückgängig gemacht)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="323" />
            <source>Active again</source>
            <translation>Wieder aktiv</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="325" />
            <source>Contact details changed</source>
            <translation>Kontaktdaten geändert</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="324" />
            <source>Contact failed</source>
            <translation>Kontakt fehlgeschlagen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="324" />
            <source>Contacted</source>
            <translation>Kontaktiert</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="326" />
            <source>Frequent bouncer</source>
            <translation>Häufige Bounces</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="323" />
            <source>Marked inactive</source>
            <translation>Als inaktiv markiert</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="344" />
            <source>No stored message.</source>
            <translation>Keine gespeicherte Nachricht.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="328" />
            <source>Original unavailable</source>
            <translation>Original nicht verfügbar</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="319" />
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="322" />
            <source>Paused</source>
            <translation>Pausiert</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="327" />
            <source>Recorded</source>
            <translation>Vermerkt</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="320" />
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="322" />
            <source>Resumed</source>
            <translation>Fortgesetzt</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="281" />
            <source>Retry %1 · due %2</source>
            <translation>Wiederholung %1 · fällig %2</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="327" />
            <source>Retry failed</source>
            <translation>Wiederholung fehlgeschlagen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="328" />
            <source>Retry outcome unknown</source>
            <translation>Ausgang der Wiederholung unbekannt</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="321" />
            <source>Retry scheduled</source>
            <translation>Wiederholung geplant</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="320" />
            <source>Retry sent</source>
            <translation>Wiederholung gesendet</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="325" />
            <source>Sender-side alert</source>
            <translation>Problem auf Absenderseite</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="319" />
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="321" />
            <source>Suppressed</source>
            <translation>Gesperrt</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="320" />
            <source>Undone</source>
            <translation>Rückgängig gemacht</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="319" />
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="322" />
            <source>Unsuppressed</source>
            <translation>Entsperrt</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="326" />
            <source>Waiting (auto-reply)</source>
            <translation>Wartet (Abwesenheitsnotiz)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="333" />
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="333" />
            <source>automatic</source>
            <translation>automatisch</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="288" />
            <source>last seen %1</source>
            <translation>zuletzt gesehen %1</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="333" />
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="334" />
            <source>scheduled run</source>
            <translation>geplanter Lauf</translation>
        </message>
    </context>
    <context>
        <name>DetailView</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="118" />
            <source>Contact…</source>
            <translation>Kontaktieren…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="102" />
            <source>Is this bounce about your mail?</source>
            <translation>Gehört dieser Bounce zu Ihrer Post?</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="140" />
            <source>Note:</source>
            <translation>Notiz:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="138" />
            <source>Other e-mail:</source>
            <translation>Andere E-Mail:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="139" />
            <source>Phone:</source>
            <translation>Telefon:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="95" />
            <source>Put the recipient back as it was before this recovery</source>
            <translation>Den Empfänger so zurücksetzen, wie er vor dieser Wiederherstellung war</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="164" />
            <source>Raw bounce message</source>
            <translation>Bounce-Nachricht im Rohformat</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="169" />
            <source>Raw message</source>
            <translation>Rohnachricht</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="119" />
            <source>Reach this person another way (Ctrl+K)</source>
            <translation>Die Person auf anderem Weg erreichen (Strg+K)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="81" />
            <source>Select a row to see why it bounced and what to do.</source>
            <translation>Wählen Sie eine Zeile, um zu sehen, warum die E-Mail zurückkam und was zu tun ist.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="168" />
            <source>Timeline</source>
            <translation>Verlauf</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="94" />
            <source>Undo recovery</source>
            <translation>Wiederherstellung rückgängig machen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="155" />
            <source>What</source>
            <translation>Was</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="111" />
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="116" />
            <source>What the server said</source>
            <translation>Was der Server sagte</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="109" />
            <source>What to do</source>
            <translation>Was zu tun ist</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="155" />
            <source>When</source>
            <translation>Wann</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="167" />
            <source>Why</source>
            <translation>Warum</translation>
        </message>
    </context>
    <context>
        <name>FirstRun</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/app.py" line="277" />
            <source>BounceDesk has no mail yet. Look around in 90 days of demo bounces first, or start with your own mailbox (add it under Accounts).</source>
            <translation>BounceDesk enthält noch keine E-Mails. Sehen Sie sich zuerst 90 Tage Demo-Unzustellbarkeitsberichte an, oder beginnen Sie mit Ihrem eigenen Postfach (unter „Konten“ hinzufügen).</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/app.py" line="279" />
            <source>Open the demo data</source>
            <translation>Demo-Daten öffnen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/app.py" line="280" />
            <source>Start with my own mailbox</source>
            <translation>Mit meinem eigenen Postfach beginnen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/app.py" line="276" />
            <source>Welcome to BounceDesk</source>
            <translation>Willkommen bei BounceDesk</translation>
        </message>
    </context>
    <context>
        <name>Format</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="138" />
            <source>%1 of %2</source>
            <translation>%1 von %2</translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/format.py" line="50" />
            <source>%n days ago</source>
            <translation>
                <numerusform>vor %n Tag</numerusform>
                <numerusform>vor %n Tagen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/format.py" line="48" />
            <source>%n h ago</source>
            <translation>
                <numerusform>vor %n Std.</numerusform>
                <numerusform>vor %n Std.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/format.py" line="45" />
            <source>%n min ago</source>
            <translation>
                <numerusform>vor %n Min.</numerusform>
                <numerusform>vor %n Min.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="103" />
            <source>SPF/DKIM/DMARC failed</source>
            <translation>SPF/DKIM/DMARC fehlgeschlagen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="65" />
            <source>active</source>
            <translation>aktiv</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="84" />
            <source>address has moved</source>
            <translation>Adresse umgezogen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="77" />
            <location filename="../../desktop/bouncedesk/ui/format.py" line="113" />
            <source>auto-reply</source>
            <translation>Abwesenheitsnotiz</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="72" />
            <source>bounce</source>
            <translation>Bounce</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/queries.py" line="425" />
            <source>by you</source>
            <translation>von Ihnen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="76" />
            <source>complaint</source>
            <translation>Beschwerde</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="110" />
            <source>content error</source>
            <translation>Inhaltsfehler</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="75" />
            <source>delay</source>
            <translation>Verzögerung</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="78" />
            <location filename="../../desktop/bouncedesk/ui/format.py" line="114" />
            <source>delivered</source>
            <translation>zugestellt</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="91" />
            <source>delivery time expired</source>
            <translation>Zustellzeit abgelaufen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="85" />
            <source>domain accepts no mail</source>
            <translation>Domain nimmt keine E-Mails an</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="58" />
            <source>due now</source>
            <translation>jetzt fällig</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="99" />
            <source>encryption failed</source>
            <translation>Verschlüsselung fehlgeschlagen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="108" />
            <source>filtered by the recipient</source>
            <translation>vom Empfänger gefiltert</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="73" />
            <source>hard bounce</source>
            <translation>harter Bounce</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/queries.py" line="427" />
            <source>imported from %1</source>
            <translation>importiert aus %1</translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/format.py" line="50" />
            <source>in %n days</source>
            <translation>
                <numerusform>in %n Tag</numerusform>
                <numerusform>in %n Tagen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/format.py" line="48" />
            <source>in %n h</source>
            <translation>
                <numerusform>in %n Std.</numerusform>
                <numerusform>in %n Std.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/format.py" line="45" />
            <source>in %n min</source>
            <translation>
                <numerusform>in %n Min.</numerusform>
                <numerusform>in %n Min.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="67" />
            <source>inactive</source>
            <translation>inaktiv</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="106" />
            <source>judged as spam</source>
            <translation>als Spam eingestuft</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="94" />
            <source>mail program error</source>
            <translation>Fehler im Mailprogramm</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="87" />
            <source>mailbox disabled</source>
            <translation>Postfach deaktiviert</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="86" />
            <source>mailbox full</source>
            <translation>Postfach voll</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="88" />
            <source>message over the recipient's limit</source>
            <translation>Nachricht über dem Limit des Empfängers</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="89" />
            <source>message too big</source>
            <translation>Nachricht zu groß</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="102" />
            <source>missing reverse DNS</source>
            <translation>Reverse-DNS fehlt</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="92" />
            <source>network error</source>
            <translation>Netzwerkfehler</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="83" />
            <source>no such domain</source>
            <translation>Domain existiert nicht</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="82" />
            <source>no such mailbox</source>
            <translation>Postfach existiert nicht</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="111" />
            <source>not standard-compliant</source>
            <translation>nicht standardkonform</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="42" />
            <source>now</source>
            <translation>jetzt</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="115" />
            <source>on hold</source>
            <translation>zurückgestellt</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="69" />
            <source>paused</source>
            <translation>pausiert</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="109" />
            <source>policy violation</source>
            <translation>Richtlinienverstoß</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="101" />
            <source>poor sender reputation</source>
            <translation>schlechte Absenderreputation</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="97" />
            <source>protocol error</source>
            <translation>Protokollfehler</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="105" />
            <source>relaying denied</source>
            <translation>Relaying verweigert</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="66" />
            <source>retrying</source>
            <translation>in Wiederholung</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="98" />
            <source>security error</source>
            <translation>Sicherheitsfehler</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="100" />
            <source>sender IP blocked</source>
            <translation>Absender-IP blockiert</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="104" />
            <source>sender address rejected</source>
            <translation>Absenderadresse abgelehnt</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="96" />
            <source>sending too fast</source>
            <translation>zu schnell gesendet</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="93" />
            <source>server error</source>
            <translation>Serverfehler</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="90" />
            <source>server storage full</source>
            <translation>Speicher des Servers voll</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="74" />
            <source>soft bounce</source>
            <translation>weicher Bounce</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="112" />
            <source>spam complaint</source>
            <translation>Spam-Beschwerde</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="68" />
            <source>suppressed</source>
            <translation>gesperrt</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="95" />
            <source>too many connections</source>
            <translation>zu viele Verbindungen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="116" />
            <source>unknown</source>
            <translation>unbekannt</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="107" />
            <source>virus found</source>
            <translation>Virus gefunden</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/format.py" line="133" />
            <source>yes</source>
            <translation>ja</translation>
        </message>
    </context>
    <context>
        <name>Help</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="349" />
            <source>%1 (File → Check a mailing list…), %2 (Suppressions → Import list…), in the data folder</source>
            <translation>%1 (Datei → Verteilerliste prüfen…), %2 (Sperrliste → Liste importieren…), im Datenordner</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="212" />
            <source>%1 after attempt %2</source>
            <translation>%1 nach Versuch %2</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="210" />
            <source>%1 after the bounce</source>
            <translation>%1 nach dem Bounce</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="229" />
            <source>%1 bounces in %2 days mark a recipient as frequent.</source>
            <translation>%1 Bounces in %2 Tagen kennzeichnen einen Empfänger als häufig.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="48" />
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n Tag</numerusform>
                <numerusform>%n Tage</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="49" />
            <source>%n hour(s)</source>
            <translation>
                <numerusform>%n Stunde</numerusform>
                <numerusform>%n Stunden</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="252" />
            <source>(Switched off under Settings.)</source>
            <translation>(Unter Einstellungen ausgeschaltet.)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="186" />
            <source>A bounce saying the address itself does not work (no such mailbox or domain, moved, takes no mail).</source>
            <translation>Ein Bounce, der sagt, dass die Adresse selbst nicht funktioniert (Postfach oder Domain existiert nicht, umgezogen, nimmt keine E-Mails an).</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="147" />
            <source>A bounce usually carries a status code such as 5.1.1: class, subject, detail. The class says only what the server did with your message; what BounceDesk does next depends on the reason and on your settings.</source>
            <translation>Ein Bounce enthält meist einen Statuscode wie 5.1.1: Klasse, Thema, Detail. Die Klasse sagt nur, was der Server mit Ihrer Nachricht getan hat; was BounceDesk als Nächstes tut, hängt vom Grund und von Ihren Einstellungen ab.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="188" />
            <source>A bounce whose cause may pass or lies elsewhere; the address is not known to be bad.</source>
            <translation>Ein Bounce, dessen Ursache vorübergehen kann oder anderswo liegt; dass die Adresse schlecht ist, ist nicht bekannt.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="245" />
            <source>A delivery report</source>
            <translation>Eine Zustellmeldung</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="253" />
            <source>A reply</source>
            <translation>Eine Antwort</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="185" />
            <source>A report that a message could not be delivered.</source>
            <translation>Eine Meldung, dass eine Nachricht nicht zugestellt werden konnte.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="192" />
            <source>A report that the message was delivered.</source>
            <translation>Eine Meldung, dass die Nachricht zugestellt wurde.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="174" />
            <source>A soft bounce came back; BounceDesk sends its own copy again when the next retry is due.</source>
            <translation>Ein weicher Bounce kam zurück; BounceDesk sendet seine eigene Kopie erneut, wenn die nächste Wiederholung fällig ist.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="225" />
            <source>A soft bounce that is already older than %1 when it arrives is history: it is recorded and counted, never retried.</source>
            <translation>Ein weicher Bounce, der bei seiner Ankunft schon älter als %1 ist, ist Geschichte: Er wird gespeichert und gezählt, aber nie wiederholt.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="258" />
            <source>A suppressed address never recovers by itself: a hard bounce, a complaint or your own decision put it there, and only you unsuppress it. A paused address stays paused until you resume it.</source>
            <translation>Eine gesperrte Adresse wird nie von selbst wieder aktiv: Ein harter Bounce, eine Beschwerde oder Ihre eigene Entscheidung hat sie gesperrt, und nur Sie entsperren sie. Eine pausierte Adresse bleibt pausiert, bis Sie sie fortsetzen.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="189" />
            <source>A warning that delivery is still being tried; nothing failed yet.</source>
            <translation>Eine Warnung, dass die Zustellung noch versucht wird; noch ist nichts fehlgeschlagen.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="204" />
            <source>After a soft bounce of mail you sent, BounceDesk sends its own copy of the message again, at most %n time(s):</source>
            <translation>
                <numerusform>Nach einem weichen Bounce einer von Ihnen gesendeten Nachricht sendet BounceDesk seine eigene Kopie erneut, höchstens %n-mal:</numerusform>
                <numerusform>Nach einem weichen Bounce einer von Ihnen gesendeten Nachricht sendet BounceDesk seine eigene Kopie erneut, höchstens %n-mal:</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="216" />
            <source>After “%1” the first retry comes %2 after the bounce.</source>
            <translation>Nach „%1“ kommt die erste Wiederholung %2 nach dem Bounce.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="285" />
            <source>Alert at %1 % complaints</source>
            <translation>Warnung ab %1 % Beschwerden</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="280" />
            <source>Amazon SES puts a sending account under review when its bounce rate reaches 5 %.</source>
            <translation>Amazon SES stellt ein Versandkonto unter Beobachtung, wenn seine Bounce-Rate 5 % erreicht.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="191" />
            <source>An automatic answer such as an out-of-office note; the message arrived.</source>
            <translation>Eine automatische Antwort wie eine Abwesenheitsnotiz; die Nachricht ist angekommen.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="309" />
            <source>Anyone can send mail to the mailbox BounceDesk reads. So a bounce changes a recipient only when it is evidence about a message you sent; the others wait under Needs review and change nothing until you decide.</source>
            <translation>Jeder kann E-Mails an das Postfach senden, das BounceDesk liest. Deshalb ändert ein Bounce einen Empfänger nur, wenn er ein Beleg zu einer Nachricht ist, die Sie gesendet haben; die anderen warten unter „Zu prüfen“ und ändern nichts, bis Sie entscheiden.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="282" />
            <source>At 10 % Amazon SES may pause the account's sending. SES counts only hard bounces; BounceDesk counts every bounced recipient, so it warns a little earlier.</source>
            <translation>Ab 10 % kann Amazon SES den Versand des Kontos anhalten. SES zählt nur harte Bounces; BounceDesk zählt jeden gebouncten Empfänger und warnt daher etwas früher.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="213" />
            <source>Attempt %1</source>
            <translation>Versuch %1</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="270" />
            <source>BounceDesk groups the mail in your Sent folder into mailings: messages with the same campaign header (such as X-Campaign-ID) form one mailing; messages of one mailing list (List-Id) or with the same subject and sender form one while they were sent within %1. Replies (“Re:”) and BounceDesk's own retries are kept apart. The list shows mailings to at least %2 recipients; choose “All” for single messages too.</source>
            <translation>BounceDesk fasst die Nachrichten in Ihrem Gesendet-Ordner zu Aussendungen zusammen: Nachrichten mit demselben Kampagnen-Header (etwa X-Campaign-ID) bilden eine Aussendung; Nachrichten einer Verteilerliste (List-Id) oder mit demselben Betreff und Absender bilden eine, solange sie innerhalb von %1 gesendet wurden. Antworten („Re:“) und BounceDesks eigene Wiederholungen bleiben außen vor. Die Liste zeigt Aussendungen an mindestens %2 Empfänger; wählen Sie „Alle“, um auch einzelne Nachrichten zu sehen.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="177" />
            <source>BounceDesk never sends to the address again (hard bounce, complaint or your decision) until you unsuppress it.</source>
            <translation>BounceDesk sendet nie wieder an die Adresse (harter Bounce, Beschwerde oder Ihre Entscheidung), bis Sie sie entsperren.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="165" />
            <source>BounceDesk reads the server's words and names the reason a message bounced. The lists and the detail pane use these words.</source>
            <translation>BounceDesk liest die Worte des Servers und nennt den Grund, aus dem eine Nachricht zurückkam. Die Listen und die Detailansicht verwenden diese Wörter.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="333" />
            <source>Data folder</source>
            <translation>Datenordner</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="349" />
            <source>Demo files to try</source>
            <translation>Demodateien zum Ausprobieren</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="220" />
            <source>If the last attempt bounces too, the address becomes “%1”. No new bounce by the time the next attempt would be due, or a delivery report, makes it “%2” again.</source>
            <translation>Kommt auch der letzte Versuch zurück, wird die Adresse „%1“. Kein neuer Bounce bis zu dem Zeitpunkt, an dem der nächste Versuch fällig wäre, oder eine Zustellmeldung macht sie wieder „%2“.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="319" />
            <source>Keep the bounce as information only; it changes nothing.</source>
            <translation>Den Bounce nur als Information behalten; er ändert nichts.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="194" />
            <source>Kinds of result</source>
            <translation>Arten von Ergebnissen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="317" />
            <source>Let the bounce act as if it were verified (you can undo this).</source>
            <translation>Den Bounce wirken lassen, als wäre er bestätigt (Sie können das rückgängig machen).</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="336" />
            <source>Log files</source>
            <translation>Protokolldateien</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="173" />
            <source>Mail goes out normally.</source>
            <translation>E-Mails gehen normal hinaus.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="269" />
            <source>Mailings (your settings)</source>
            <translation>Aussendungen (Ihre Einstellungen)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="288" />
            <source>Mailings to fewer than %1 recipients raise no alert: one bounce would already be several per cent. You change the levels and the time span under Settings → Mailings.</source>
            <translation>Aussendungen an weniger als %1 Empfänger lösen keine Warnung aus: Ein einziger Bounce wären schon mehrere Prozent. Die Schwellen und die Zeitspanne ändern Sie unter Einstellungen → Aussendungen.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="254" />
            <source>Nothing else recovers an address. Anyone can write any From line, so a reply that names no message you sent, or one you sent to somebody else, changes nothing; so does a delivery report that is not tied to your mail (it waits in Needs review).</source>
            <translation>Nichts anderes macht eine Adresse wieder aktiv. Jeder kann eine beliebige Absenderzeile schreiben; deshalb ändert eine Antwort nichts, die keine von Ihnen gesendete Nachricht nennt oder eine, die Sie an jemand anderen gesendet haben; ebenso wenig eine Zustellmeldung, die nicht mit Ihren E-Mails verbunden ist (sie wartet unter „Zu prüfen“).</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="316" />
            <source>Nothing ties the bounce to your mail; it may be forged.</source>
            <translation>Nichts verbindet den Bounce mit Ihren E-Mails; er kann gefälscht sein.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="242" />
            <source>One bad week does not make an address dead for ever. A recipient that is “%1” or “%2” becomes “%3” again when:</source>
            <translation>Eine schlechte Woche macht eine Adresse nicht für immer unbrauchbar. Ein Empfänger, der „%1“ oder „%2“ ist, wird wieder „%3“, wenn:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="344" />
            <source>Passwords</source>
            <translation>Passwörter</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="295" />
            <source>Providers</source>
            <translation>Anbieter</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="296" />
            <source>Providers groups your sent mail and bounces by the receiving provider: by the recipient's domain, or by the server that refused the mail (a company domain hosted at Google or Microsoft). A sender-side bounce is named precisely when it says which blocklist or check refused it; below, each with the page where you ask for removal or read how to fix it.</source>
            <translation>„Anbieter“ ordnet Ihre gesendeten Nachrichten und Bounces nach dem empfangenden Anbieter: nach der Domain des Empfängers oder nach dem Server, der die Nachricht abgelehnt hat (eine Firmendomain, die bei Google oder Microsoft liegt). Ein Bounce mit einem Problem auf Absenderseite wird genau benannt, wenn er sagt, welche Blockliste oder Prüfung ihn abgelehnt hat; unten jeweils mit der Seite, auf der Sie die Entfernung beantragen oder nachlesen, wie Sie das Problem beheben.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="164" />
            <source>Reasons</source>
            <translation>Gründe</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="181" />
            <source>Recipient states</source>
            <translation>Zustände eines Empfängers</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="240" />
            <source>Recovery: when an address counts as working again</source>
            <translation>Wiederherstellung: wann eine Adresse wieder als funktionierend gilt</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="202" />
            <source>Retries (your settings)</source>
            <translation>Wiederholungen (Ihre Einstellungen)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="276" />
            <source>Sent counts the recipients a mailing went to. Bounced counts each recipient once (a hard bounce before a sender-side problem before a soft bounce), only from bounces that name a message of the mailing. The bounce rate is bounced divided by sent; the complaint rate is complaints divided by sent.</source>
            <translation>„Gesendet“ zählt die Empfänger einer Aussendung. „Gebounct“ zählt jeden Empfänger einmal (harter Bounce vor Problem auf Absenderseite vor weichem Bounce), und nur aus Bounces, die eine Nachricht der Aussendung nennen. Die Bounce-Rate ist „Gebounct“ geteilt durch „Gesendet“; die Beschwerderate ist „Beschwerden“ geteilt durch „Gesendet“.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="285" />
            <source>Since 2024 Google and Yahoo require bulk senders to keep the share of recipients who mark their mail as spam below 0.3 % (Google advises staying under 0.1 %); above it, mail is refused or filtered.</source>
            <translation>Seit 2024 verlangen Google und Yahoo von Massenversendern, dass der Anteil der Empfänger, die ihre E-Mails als Spam markieren, unter 0,3 % bleibt (Google empfiehlt unter 0,1 %); darüber werden E-Mails abgelehnt oder gefiltert.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="146" />
            <source>Status codes</source>
            <translation>Statuscodes</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="334" />
            <source>Store</source>
            <translation>Datenbank</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="313" />
            <source>The bounce names a message you sent to this address.</source>
            <translation>Der Bounce nennt eine Nachricht, die Sie an diese Adresse gesendet haben.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="314" />
            <source>The bounce only looks like yours (your domain or your address), but names no message you sent to this address.</source>
            <translation>Der Bounce sieht nur nach Ihrem aus (Ihre Domain oder Ihre Adresse), nennt aber keine Nachricht, die Sie an diese Adresse gesendet haben.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="261" />
            <source>The detail pane says when and why a recipient recovered; “Undo recovery” there (on the command line: bouncedesk undo ADDRESS) puts it back exactly as it was. The same reply read again never recovers it twice. “Frequent” counts only the bounces within its window, so it passes by itself.</source>
            <translation>Die Detailansicht zeigt, wann und warum ein Empfänger wieder aktiv wurde; „Wiederherstellung rückgängig machen“ dort (auf der Kommandozeile: bouncedesk undo ADRESSE) setzt ihn genau so zurück, wie er war. Dieselbe Antwort, erneut gelesen, macht ihn nie ein zweites Mal wieder aktiv. „Häufige Bounces“ zählt nur die Bounces innerhalb seines Zeitfensters und vergeht daher von selbst.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="176" />
            <source>The last allowed retry bounced too; BounceDesk no longer sends to the address.</source>
            <translation>Auch die letzte erlaubte Wiederholung kam zurück; BounceDesk sendet nicht mehr an die Adresse.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="190" />
            <source>The recipient marked your message as spam.</source>
            <translation>Der Empfänger hat Ihre Nachricht als Spam markiert.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="157" />
            <source>The second number says what the problem is about.</source>
            <translation>Die zweite Zahl sagt, worum es bei dem Problem geht.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="156" />
            <source>The subject of a code</source>
            <translation>Das Thema eines Codes</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="352" />
            <source>Updating or removing the program keeps these files.</source>
            <translation>Beim Aktualisieren oder Entfernen des Programms bleiben diese Dateien erhalten.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="282" />
            <source>Urgent at %1 % bounces</source>
            <translation>Dringend ab %1 % Bounces</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="280" />
            <source>Warning at %1 % bounces</source>
            <translation>Warnung ab %1 % Bounces</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="332" />
            <source>Where your data lives</source>
            <translation>Wo Ihre Daten liegen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="232" />
            <source>You change the schedule, the number of attempts and the action for each reason and code under Settings.</source>
            <translation>Den Zeitplan, die Zahl der Versuche und die Aktion für jeden Grund und Code ändern Sie unter Einstellungen.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="179" />
            <source>You paused the address: nothing is sent or retried until you resume it.</source>
            <translation>Sie haben die Adresse pausiert: Nichts wird gesendet oder wiederholt, bis Sie sie fortsetzen.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="325" />
            <source>Your setting: every bounce acts by itself, without this check.</source>
            <translation>Ihre Einstellung: Jeder Bounce wirkt von selbst, ohne diese Prüfung.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="323" />
            <source>Your setting: only verified bounces act by themselves.</source>
            <translation>Ihre Einstellung: Nur bestätigte Bounces wirken von selbst.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="324" />
            <source>Your setting: verified and plausible bounces act by themselves.</source>
            <translation>Ihre Einstellung: Bestätigte und plausible Bounces wirken von selbst.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="245" />
            <source>a report that your message was delivered arrives and names a message you sent to this address.</source>
            <translation>eine Meldung eintrifft, dass Ihre Nachricht zugestellt wurde, und eine Nachricht nennt, die Sie an diese Adresse gesendet haben.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="340" />
            <source>in a plain-text file, as you chose: %1</source>
            <translation>in einer Klartextdatei, wie Sie es gewählt haben: %1</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="343" />
            <source>in the system keyring, never in the store or the logs</source>
            <translation>im Schlüsselbund des Systems, nie in der Datenbank oder den Protokollen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="337" />
            <source>none in this session (only the Log page)</source>
            <translation>keine in dieser Sitzung (nur die Seite Protokoll)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="248" />
            <source>the person answers your mail: a message from this very address whose In-Reply-To or References names a message you sent to it, dated after the bounce. BounceDesk reads only its header fields; it marks nothing as read and moves nothing.</source>
            <translation>die Person auf Ihre E-Mail antwortet: eine Nachricht von genau dieser Adresse, deren In-Reply-To oder References eine Nachricht nennt, die Sie an sie gesendet haben, und die nach dem Bounce datiert ist. BounceDesk liest nur ihre Kopfzeilen; es markiert nichts als gelesen und verschiebt nichts.</translation>
        </message>
    </context>
    <context>
        <name>HelpView</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="82" />
            <source>BounceDesk Help</source>
            <translation>BounceDesk-Hilfe</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="92" />
            <source>Help text</source>
            <translation>Hilfetext</translation>
        </message>
    </context>
    <context>
        <name>KeyringChoice</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/accounts.py" line="40" />
            <source>BounceDesk found no usable system keyring on this computer (such as GNOME Keyring, KWallet, macOS Keychain or Windows Credential Manager) to keep the password in.</source>
            <translation>BounceDesk hat auf diesem Computer keinen nutzbaren Schlüsselbund des Systems gefunden (etwa GNOME Keyring, KWallet, macOS-Schlüsselbund oder Windows-Anmeldeinformationsverwaltung), um das Passwort darin aufzubewahren.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/accounts.py" line="45" />
            <source>It is not encrypted there: anyone who can read your user account's files (another person at this computer, a program you run, a backup) can read the password. BounceDesk remembers this choice for the passwords it stores later.</source>
            <translation>Dort ist es nicht verschlüsselt: Wer die Dateien Ihres Benutzerkontos lesen kann (eine andere Person an diesem Computer, ein Programm, das Sie ausführen, eine Sicherung), kann das Passwort lesen. BounceDesk merkt sich diese Wahl für die Passwörter, die es später speichert.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/accounts.py" line="50" />
            <source>No system keyring</source>
            <translation>Kein Schlüsselbund des Systems</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/accounts.py" line="54" />
            <source>Store in a file anyway</source>
            <translation>Trotzdem in einer Datei speichern</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/accounts.py" line="48" />
            <source>To avoid this, install or unlock a keyring, then try again.</source>
            <translation>Um das zu vermeiden, installieren oder entsperren Sie einen Schlüsselbund und versuchen es dann erneut.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/accounts.py" line="42" />
            <source>You can store the password in a plain-text file in the data folder instead:</source>
            <translation>Sie können das Passwort stattdessen in einer Klartextdatei im Datenordner speichern:</translation>
        </message>
    </context>
    <context>
        <name>ListCheckDialog</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="42" />
            <source>%1: %n address(es) checked.</source>
            <translation>
                <numerusform>%1: %n Adresse geprüft.</numerusform>
                <numerusform>%1: %n Adressen geprüft.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="72" />
            <source>Address</source>
            <translation>Adresse</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="55" />
            <source>Addresses</source>
            <translation>Adressen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="91" />
            <source>Also leave out invalid addresses and likely typos</source>
            <translation>Auch ungültige Adressen und wahrscheinliche Tippfehler weglassen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="117" />
            <source>Bounced lately</source>
            <translation>Kürzlich gebounct</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="37" />
            <source>Check a mailing list</source>
            <translation>Verteilerliste prüfen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="57" />
            <source>Findings per provider</source>
            <translation>Ergebnisse je Anbieter</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="116" />
            <source>Inactive</source>
            <translation>Inaktiv</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="118" />
            <source>Invalid</source>
            <translation>Ungültig</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="73" />
            <source>Invalid addresses and likely typos</source>
            <translation>Ungültige Adressen und wahrscheinliche Tippfehler</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="118" />
            <source>Likely typos</source>
            <translation>Wahrscheinliche Tippfehler</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="49" />
            <source>Not to mail (suppressed, inactive, paused): %1 · invalid: %2 · likely typos: %3 · repeated: %4</source>
            <translation>Nicht anschreiben (gesperrt, inaktiv, pausiert): %1 · ungültig: %2 · wahrscheinliche Tippfehler: %3 · doppelt: %4</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="112" />
            <source>Others</source>
            <translation>Andere</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="116" />
            <source>Paused</source>
            <translation>Pausiert</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="72" />
            <source>Problem</source>
            <translation>Problem</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="55" />
            <source>Provider</source>
            <translation>Anbieter</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="119" />
            <source>Repeated</source>
            <translation>Doppelt</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="117" />
            <source>Retrying</source>
            <translation>In Wiederholung</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="118" />
            <source>Role accounts</source>
            <translation>Funktionsadressen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="72" />
            <source>Row</source>
            <translation>Zeile</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="93" />
            <source>Save cleaned list…</source>
            <translation>Bereinigte Liste speichern…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="116" />
            <source>Suppressed</source>
            <translation>Gesperrt</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="86" />
            <source>The cleaned list leaves out addresses not to mail and repeated rows; every other row stays exactly as it is in your file.</source>
            <translation>Die bereinigte Liste lässt Adressen weg, die nicht angeschrieben werden sollen, und doppelte Zeilen; jede andere Zeile bleibt genau so, wie sie in Ihrer Datei steht.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="62" />
            <source>Total</source>
            <translation>Gesamt</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="126" />
            <source>contains control characters or blanks</source>
            <translation>enthält Steuerzeichen oder Leerzeichen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="125" />
            <source>empty</source>
            <translation>leer</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="78" />
            <source>invalid: %1</source>
            <translation>ungültig: %1</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="77" />
            <source>likely a typo of %1</source>
            <translation>wahrscheinlich ein Tippfehler für %1</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="135" />
            <source>longer than 254 characters</source>
            <translation>länger als 254 Zeichen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="127" />
            <source>no @</source>
            <translation>kein @</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="133" />
            <source>not a valid address literal</source>
            <translation>keine gültige IP-Adresse in Klammern</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="134" />
            <source>not a valid domain</source>
            <translation>keine gültige Domain</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="129" />
            <source>nothing after the @</source>
            <translation>nichts nach dem @</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="128" />
            <source>nothing before the @</source>
            <translation>nichts vor dem @</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="132" />
            <source>the part before the @ is longer than 64 characters</source>
            <translation>der Teil vor dem @ ist länger als 64 Zeichen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="130" />
            <source>the part before the @ is not allowed</source>
            <translation>der Teil vor dem @ ist nicht erlaubt</translation>
        </message>
    </context>
    <context>
        <name>ListController</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/lists.py" line="195" />
            <source>%n row(s)</source>
            <translation>
                <numerusform>%n Zeile</numerusform>
                <numerusform>%n Zeilen</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/lists.py" line="146" />
            <source>Could not load the list: %1</source>
            <translation>Die Liste konnte nicht geladen werden: %1</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/lists.py" line="169" />
            <source>Loading…</source>
            <translation>Lade…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/lists.py" line="192" />
            <source>Nothing matches.</source>
            <translation>Keine Treffer.</translation>
        </message>
    </context>
    <context>
        <name>ListPageView</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/lists.py" line="48" />
            <source>Search</source>
            <translation>Suche</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/lists.py" line="47" />
            <source>Search address or domain (Ctrl+F)</source>
            <translation>Adresse oder Domain suchen (Strg+F)</translation>
        </message>
    </context>
    <context>
        <name>Lists</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/searchwords.py" line="84" />
            <source>%n match(es)</source>
            <translation>
                <numerusform>%n Treffer</numerusform>
                <numerusform>%n Treffer</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="128" />
            <source>%n recipient(s)</source>
            <translation>
                <numerusform>%n Empfänger</numerusform>
                <numerusform>%n Empfänger</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/bounces.py" line="126" />
            <source>%n report(s)</source>
            <translation>
                <numerusform>%n Meldung</numerusform>
                <numerusform>%n Meldungen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/retries.py" line="82" />
            <source>%n retry(s)</source>
            <translation>
                <numerusform>%n Wiederholung</numerusform>
                <numerusform>%n Wiederholungen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/suppressions.py" line="75" />
            <source>%n suppressed address(es)</source>
            <translation>
                <numerusform>%n gesperrte Adresse</numerusform>
                <numerusform>%n gesperrte Adressen</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/suppressions.py" line="32" />
            <source>Addresses you never send to. Drop a CSV mailing list on the window to get a cleaned copy.</source>
            <translation>Adressen, an die Sie nie senden. Ziehen Sie eine CSV-Verteilerliste auf das Fenster, um eine bereinigte Kopie zu erhalten.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/bounces.py" line="41" />
            <source>All bounces (hard and soft)</source>
            <translation>Alle Bounces (hart und weich)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/bounces.py" line="41" />
            <source>All kinds</source>
            <translation>Alle Arten</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="58" />
            <source>Allow sending again</source>
            <translation>Wieder Senden erlauben</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/suppressions.py" line="43" />
            <source>Allow sending to these addresses again</source>
            <translation>Wieder an diese Adressen senden</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="44" />
            <source>Any state</source>
            <translation>Jeder Status</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/bounces.py" line="34" />
            <source>Bounces</source>
            <translation>Bounces</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/lists.py" line="279" />
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="64" />
            <location filename="../../desktop/bouncedesk/ui/views/retries.py" line="46" />
            <source>Contact…</source>
            <translation>Kontaktieren…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="62" />
            <source>Continue where it was paused</source>
            <translation>Dort fortsetzen, wo pausiert wurde</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/searchwords.py" line="73" />
            <source>Could not index the server's words: %1</source>
            <translation>Die Worte des Servers konnten nicht indiziert werden: %1</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/retries.py" line="31" />
            <source>Due now only</source>
            <translation>Nur jetzt fällige</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/bounces.py" line="35" />
            <source>Every report that came back, the newest arrival first.</source>
            <translation>Jede zurückgekommene Meldung, die zuletzt eingegangene zuerst.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/retries.py" line="26" />
            <source>Every scheduled retry. Select one or many, then act with one click.</source>
            <translation>Alle geplanten Wiederholungen. Eine oder mehrere auswählen, dann mit einem Klick handeln.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="76" />
            <source>Everyone</source>
            <translation>Alle</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="39" />
            <source>Everyone a bounce was about, with their current state.</source>
            <translation>Alle, die ein Bounce betraf, mit ihrem aktuellen Status.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/suppressions.py" line="53" />
            <source>Export…</source>
            <translation>Exportieren…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/searchwords.py" line="36" />
            <source>Finds the bounces whose server's words or subject contain all these words, e.g. mailbox full (the last one may be the start of a word). Shows the newest 500.</source>
            <translation>Findet die Bounces, deren Worte des Servers oder Betreff alle diese Wörter enthalten, z. B. mailbox full (das letzte darf ein Wortanfang sein). Zeigt die neuesten 500.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="28" />
            <source>Frequent bouncers</source>
            <translation>Häufige Bounces</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/suppressions.py" line="48" />
            <source>Import list…</source>
            <translation>Liste importieren…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="30" />
            <source>Inactive</source>
            <translation>Inaktiv</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/searchwords.py" line="55" />
            <source>Indexing the server's words of every stored bounce (once)…</source>
            <translation>Die Worte des Servers aller gespeicherten Bounces werden indiziert (einmalig)…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="48" />
            <source>Keep this search and filter as a named segment</source>
            <translation>Diese Suche und diesen Filter als benanntes Segment speichern</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/bounces.py" line="42" />
            <source>Kind:</source>
            <translation>Art:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="27" />
            <source>Mailbox full</source>
            <translation>Postfach voll</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/lists.py" line="280" />
            <location filename="../../desktop/bouncedesk/ui/views/retries.py" line="49" />
            <source>Mark as re-sent</source>
            <translation>Als erneut gesendet markieren</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="103" />
            <source>Name of the segment:</source>
            <translation>Name des Segments:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="56" />
            <location filename="../../desktop/bouncedesk/ui/views/retries.py" line="40" />
            <source>Never send to these addresses (Ctrl+Shift+S)</source>
            <translation>Nie mehr an diese Adressen senden (Strg+Umschalt+S)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/retries.py" line="76" />
            <source>No retries are scheduled. Soft bounces (mailbox full, temporarily disabled) show up here.</source>
            <translation>Keine Wiederholungen geplant. Weiche Bounces (Postfach voll, vorübergehend deaktiviert) erscheinen hier.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/retries.py" line="75" />
            <source>No retry matches.</source>
            <translation>Keine passende Wiederholung.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/searchwords.py" line="87" />
            <source>No stored bounce has these words.</source>
            <translation>Kein gespeicherter Bounce enthält diese Wörter.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/suppressions.py" line="71" />
            <source>No suppressed address matches.</source>
            <translation>Keine passende gesperrte Adresse.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/suppressions.py" line="69" />
            <source>No suppressed addresses.</source>
            <translation>Keine gesperrten Adressen.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/lists.py" line="279" />
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="60" />
            <location filename="../../desktop/bouncedesk/ui/views/retries.py" line="43" />
            <source>Pause</source>
            <translation>Pausieren</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="64" />
            <location filename="../../desktop/bouncedesk/ui/views/retries.py" line="46" />
            <source>Reach this person another way (Ctrl+K)</source>
            <translation>Die Person auf anderem Weg erreichen (Strg+K)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="38" />
            <source>Recipients</source>
            <translation>Empfänger</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/bounces.py" line="46" />
            <source>Remove this filter</source>
            <translation>Diesen Filter entfernen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/lists.py" line="279" />
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="62" />
            <source>Resume</source>
            <translation>Fortsetzen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/retries.py" line="25" />
            <source>Retries</source>
            <translation>Wiederholungen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/lists.py" line="278" />
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="53" />
            <location filename="../../desktop/bouncedesk/ui/views/retries.py" line="37" />
            <source>Retry now</source>
            <translation>Jetzt wiederholen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/suppressions.py" line="56" />
            <source>Save a copy of a CSV list without the addresses not to mail</source>
            <translation>Eine Kopie einer CSV-Liste ohne die nicht anzuschreibenden Adressen speichern</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="103" />
            <source>Save segment</source>
            <translation>Segment speichern</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="47" />
            <source>Save segment…</source>
            <translation>Segment speichern…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/suppressions.py" line="54" />
            <source>Save the suppression list as CSV, JSON or in the format of your mailing tool</source>
            <translation>Die Sperrliste als CSV, JSON oder im Format Ihres Newsletter-Tools speichern</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/suppressions.py" line="56" />
            <source>Scrub a mailing list…</source>
            <translation>Verteilerliste bereinigen…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/searchwords.py" line="35" />
            <source>Search the server's words</source>
            <translation>Worte des Servers durchsuchen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/searchwords.py" line="34" />
            <source>Search the server's words and subjects</source>
            <translation>Worte des Servers und Betreffs durchsuchen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="46" />
            <source>Segment:</source>
            <translation>Segment:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="53" />
            <location filename="../../desktop/bouncedesk/ui/views/retries.py" line="37" />
            <source>Send the original again now (Ctrl+R)</source>
            <translation>Das Original jetzt erneut senden (Strg+R)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="29" />
            <source>Sender-side problems</source>
            <translation>Probleme auf Absenderseite</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="44" />
            <source>State:</source>
            <translation>Status:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="60" />
            <location filename="../../desktop/bouncedesk/ui/views/retries.py" line="43" />
            <source>Stop retrying until resumed (Ctrl+P)</source>
            <translation>Wiederholungen anhalten, bis fortgesetzt wird (Strg+P)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/lists.py" line="278" />
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="56" />
            <location filename="../../desktop/bouncedesk/ui/views/retries.py" line="40" />
            <source>Suppress</source>
            <translation>Sperren</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/suppressions.py" line="49" />
            <source>Suppress every address in a text or CSV file, or in a suppression list exported from Mailchimp, Brevo, Sendy, listmonk, Mailjet or Amazon SES (found from its columns)</source>
            <translation>Jede Adresse aus einer Text- oder CSV-Datei sperren, oder aus einer Sperrliste, die aus Mailchimp, Brevo, Sendy, listmonk, Mailjet oder Amazon SES exportiert wurde (an ihren Spalten erkannt)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/suppressions.py" line="31" />
            <source>Suppressions</source>
            <translation>Sperrliste</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="26" />
            <source>Temporarily disabled (4.2.1)</source>
            <translation>Vorübergehend deaktiviert (4.2.1)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/bounces.py" line="86" />
            <source>This is really</source>
            <translation>Das ist eigentlich</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/lists.py" line="278" />
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="58" />
            <location filename="../../desktop/bouncedesk/ui/views/suppressions.py" line="43" />
            <source>Unsuppress</source>
            <translation>Entsperren</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/retries.py" line="50" />
            <source>You sent the message again yourself: count this attempt as sent (Ctrl+Shift+M)</source>
            <translation>Sie haben die Nachricht selbst erneut gesendet: diesen Versuch als gesendet zählen (Strg+Umschalt+M)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/bounces.py" line="159" />
            <source>since %1</source>
            <translation>seit %1</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/searchwords.py" line="81" />
            <source>the newest %1 matches (there may be more: add a word)</source>
            <translation>die neuesten %1 Treffer (es kann mehr geben: fügen Sie ein Wort hinzu)</translation>
        </message>
    </context>
    <context>
        <name>LogView</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/logpane.py" line="70" />
            <source>Clear</source>
            <translation>Leeren</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/logpane.py" line="66" />
            <source>Errors</source>
            <translation>Fehler</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/logpane.py" line="65" />
            <source>Everything</source>
            <translation>Alles</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/logpane.py" line="65" />
            <source>Information</source>
            <translation>Informationen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/logpane.py" line="61" />
            <source>Log</source>
            <translation>Protokoll</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/logpane.py" line="64" />
            <source>Minimum level</source>
            <translation>Mindeststufe</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/logpane.py" line="69" />
            <source>Open log folder</source>
            <translation>Protokollordner öffnen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/logpane.py" line="79" />
            <source>Show:</source>
            <translation>Zeigen:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/logpane.py" line="66" />
            <source>Warnings</source>
            <translation>Warnungen</translation>
        </message>
    </context>
    <context>
        <name>MailingSettingsTab</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/mailing_settings.py" line="30" />
            <source> h</source>
            <translation> Std.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/mailing_settings.py" line="40" />
            <source>A mailing spans at most:</source>
            <translation>Eine Aussendung umfasst höchstens:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/mailing_settings.py" line="43" />
            <source>Alert at a complaint rate of:</source>
            <translation>Warnung ab einer Beschwerderate von:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/mailing_settings.py" line="44" />
            <source>Defaults: 5 % and 10 % bounces, 0.3 % complaints — the levels at which large mail services review or stop senders (see Help). Mailings to fewer than 20 recipients raise no alert.</source>
            <translation>Standard: 5 % und 10 % Bounces, 0,3 % Beschwerden — die Schwellen, ab denen große E-Mail-Dienste Absender überprüfen oder stoppen (siehe Hilfe). Aussendungen an weniger als 20 Empfänger lösen keine Warnung aus.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/mailing_settings.py" line="35" />
            <source>Messages with the same subject and sender belong to one mailing while they were sent within this time; a List-Id or campaign header groups them first.</source>
            <translation>Nachrichten mit demselben Betreff und Absender gehören zu einer Aussendung, solange sie innerhalb dieser Zeit gesendet wurden; eine List-Id oder ein Kampagnen-Header fasst sie vorrangig zusammen.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/mailing_settings.py" line="42" />
            <source>Urgent at a bounce rate of:</source>
            <translation>Dringend ab einer Bounce-Rate von:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/mailing_settings.py" line="41" />
            <source>Warn at a bounce rate of:</source>
            <translation>Warnung ab einer Bounce-Rate von:</translation>
        </message>
    </context>
    <context>
        <name>Mailings</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="541" />
            <source>%1 sent · %2 bounced (%3) · complaints: %4</source>
            <translation>%1 gesendet · %2 gebounct (%3) · Beschwerden: %4</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="538" />
            <source>(no subject)</source>
            <translation>(kein Betreff)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="157" />
            <source>Alert</source>
            <translation>Warnung</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="482" />
            <source>All mailings</source>
            <translation>Alle Aussendungen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="156" />
            <source>Bounce rate</source>
            <translation>Bounce-Rate</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="81" />
            <source>Bounce rate %1 % or more</source>
            <translation>Bounce-Rate %1 % oder mehr</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="78" />
            <source>Bounce rate %1 % or more: stop and clean the list</source>
            <translation>Bounce-Rate %1 % oder mehr: Versand stoppen und Liste bereinigen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="68" />
            <source>Bounces ≥ %1 %</source>
            <translation>Bounces ≥ %1 %</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="201" />
            <source>Code</source>
            <translation>Code</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="156" />
            <source>Complaints</source>
            <translation>Beschwerden</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="84" />
            <source>Complaints %1 % or more</source>
            <translation>Beschwerden %1 % oder mehr</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="70" />
            <source>Complaints ≥ %1 %</source>
            <translation>Beschwerden ≥ %1 %</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="155" />
            <source>Hard</source>
            <translation>Hart</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="481" />
            <source>Last mailings</source>
            <translation>Letzte Aussendungen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="202" />
            <source>Reason</source>
            <translation>Grund</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="201" />
            <source>Recipient</source>
            <translation>Empfänger</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="155" />
            <source>Recipients</source>
            <translation>Empfänger</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="154" />
            <source>Sender</source>
            <translation>Absender</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="156" />
            <source>Sender-side</source>
            <translation>Absenderseite</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="154" />
            <source>Sent on</source>
            <translation>Gesendet am</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="155" />
            <source>Soft</source>
            <translation>Weich</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="202" />
            <source>State now</source>
            <translation>Status jetzt</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="154" />
            <source>Subject</source>
            <translation>Betreff</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="201" />
            <source>What</source>
            <translation>Was</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="202" />
            <source>When</source>
            <translation>Wann</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="97" />
            <source>complaint</source>
            <translation>Beschwerde</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="96" />
            <source>hard bounce</source>
            <translation>harter Bounce</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="96" />
            <source>sender-side problem</source>
            <translation>Problem auf Absenderseite</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="98" />
            <source>soft bounce</source>
            <translation>weicher Bounce</translation>
        </message>
    </context>
    <context>
        <name>MailingsController</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="377" />
            <source>%n mailing(s)</source>
            <translation>
                <numerusform>%n Aussendung</numerusform>
                <numerusform>%n Aussendungen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="442" />
            <source>%n recipient(s)</source>
            <translation>
                <numerusform>%n Empfänger</numerusform>
                <numerusform>%n Empfänger</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="378" />
            <source>%n with an alert</source>
            <translation>
                <numerusform>%n mit Warnung</numerusform>
                <numerusform>%n mit Warnung</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="440" />
            <source>(no subject)</source>
            <translation>(kein Betreff)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="445" />
            <source>Bounced: %1: %2 hard, %3 soft, %4 sender-side · Complaints: %5 (%6)</source>
            <translation>Gebounct: %1: %2 hart, %3 weich, %4 Absenderseite · Beschwerden: %5 (%6)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="451" />
            <source>Campaign</source>
            <translation>Kampagne</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="451" />
            <source>List-Id</source>
            <translation>List-Id</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="433" />
            <source>Select a mailing to see who bounced or complained.</source>
            <translation>Wählen Sie eine Aussendung, um zu sehen, wer gebounct ist oder sich beschwert hat.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="442" />
            <source>from %1</source>
            <translation>von %1</translation>
        </message>
    </context>
    <context>
        <name>MailingsView</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="236" />
            <source>All, also single messages</source>
            <translation>Alle, auch einzelne Nachrichten</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="230" />
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="242" />
            <source>Mailings</source>
            <translation>Aussendungen</translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="235" />
            <source>Mailings to %n or more recipients</source>
            <translation>
                <numerusform>Aussendungen an %n oder mehr Empfänger</numerusform>
                <numerusform>Aussendungen an %n oder mehr Empfänger</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="243" />
            <source>No mailings yet. BounceDesk reads them from the Sent folder of your accounts at each sync; a Sent folder kept in files: bouncedesk import --sent FILE.</source>
            <translation>Noch keine Aussendungen. BounceDesk liest sie bei jedem Abruf aus dem Gesendet-Ordner Ihrer Konten; einen Gesendet-Ordner in Dateien: bouncedesk import --sent DATEI.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="260" />
            <source>Open Bounces for the selected recipient (double-click does the same)</source>
            <translation>Bounces für den ausgewählten Empfänger öffnen (Doppelklick tut dasselbe)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="263" />
            <source>Open Recipients for the selected address</source>
            <translation>Empfänger für die ausgewählte Adresse öffnen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="257" />
            <source>Recipients who bounced or complained</source>
            <translation>Empfänger, die gebounct sind oder sich beschwert haben</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="262" />
            <source>Show recipient</source>
            <translation>Empfänger zeigen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="258" />
            <source>Show their bounces</source>
            <translation>Bounces des Empfängers zeigen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="231" />
            <source>What you sent as one mailing (read from your Sent folder), how many of its recipients bounced or complained, and whether the rates call for action.</source>
            <translation>Was Sie als eine Aussendung gesendet haben (aus Ihrem Gesendet-Ordner gelesen), wie viele ihrer Empfänger gebounct sind oder sich beschwert haben und ob die Raten Handeln erfordern.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="237" />
            <source>Which mailings</source>
            <translation>Welche Aussendungen</translation>
        </message>
    </context>
    <context>
        <name>MainController</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/fileflows.py" line="202" />
            <source>%n address(es) exported to %1.</source>
            <translation>
                <numerusform>%n Adresse nach %1 exportiert.</numerusform>
                <numerusform>%n Adressen nach %1 exportiert.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="406" />
            <source>%n bounce(s) will act as if verified:</source>
            <translation>
                <numerusform>%n Bounce wirkt dann, als wäre er bestätigt:</numerusform>
                <numerusform>%n Bounces wirken dann, als wären sie bestätigt:</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="555" />
            <source>%n new bounce(s) arrived.</source>
            <translation>
                <numerusform>%n neuer Bounce eingegangen.</numerusform>
                <numerusform>%n neue Bounces eingegangen.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="616" />
            <source>%n retry(s) are due.</source>
            <translation>
                <numerusform>%n Wiederholung ist fällig.</numerusform>
                <numerusform>%n Wiederholungen sind fällig.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="519" />
            <source>A sync is already running.</source>
            <translation>Ein Abruf läuft bereits.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="506" />
            <source>About BounceDesk</source>
            <translation>Über BounceDesk</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="479" />
            <source>Account “%1” saved.</source>
            <translation>Konto „%1“ gespeichert.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/fileflows.py" line="169" />
            <source>Addresses to suppress</source>
            <translation>Zu sperrende Adressen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="422" />
            <source>Anyone who can send mail to the monitored mailbox could then change your recipients: stop your mail to them, or make BounceDesk send your messages again.</source>
            <translation>Dann könnte jeder, der dem überwachten Postfach schreiben kann, Ihre Empfänger ändern: Ihre Post an sie stoppen oder BounceDesk Ihre Nachrichten erneut senden lassen.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/fileflows.py" line="147" />
            <source>Bounce messages to import</source>
            <translation>Zu importierende Bounce-Nachrichten</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="507" />
            <source>BounceDesk %1
See which of your e-mails bounced, why, and what to do about it.

Data folder: %2</source>
            <translation>BounceDesk %1
Sehen Sie, welche Ihrer E-Mails zurückkamen, warum, und was zu tun ist.

Datenordner: %2</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="421" />
            <source>BounceDesk will no longer check whether a bounce is about a message you sent.</source>
            <translation>BounceDesk prüft dann nicht mehr, ob ein Bounce zu einer Nachricht gehört, die Sie gesendet haben.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/fileflows.py" line="76" />
            <location filename="../../desktop/bouncedesk/ui/fileflows.py" line="121" />
            <source>CSV files (*.csv *.txt)</source>
            <translation>CSV-Dateien (*.csv *.txt)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/fileflows.py" line="185" />
            <source>CSV, every column (*.csv)</source>
            <translation>CSV, alle Spalten (*.csv)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/fileflows.py" line="50" />
            <source>Check</source>
            <translation>Prüfen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/fileflows.py" line="47" />
            <source>Check: count suppressed, bounced, invalid, mistyped and repeated addresses per provider first. Scrub: save a cleaned copy next to it right away.</source>
            <translation>Prüfen: erst gesperrte, gebouncte, ungültige, vertippte und doppelte Adressen je Anbieter zählen. Bereinigen: sofort eine bereinigte Kopie daneben speichern.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/fileflows.py" line="87" />
            <source>Checked %n address(es).</source>
            <translation>
                <numerusform>%n Adresse geprüft.</numerusform>
                <numerusform>%n Adressen geprüft.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/fileflows.py" line="84" />
            <source>Checking the list…</source>
            <translation>Liste wird geprüft…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="424" />
            <source>Choose this only if BounceDesk cannot read your sent mail. You can change it back under Settings.</source>
            <translation>Wählen Sie das nur, wenn BounceDesk Ihre gesendeten Nachrichten nicht lesen kann. Sie können es unter Einstellungen zurückstellen.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/fileflows.py" line="106" />
            <location filename="../../desktop/bouncedesk/ui/fileflows.py" line="136" />
            <source>Cleaned list saved to %1: kept %2 of %3 rows, removed %4.</source>
            <translation>Bereinigte Liste in %1 gespeichert: %2 von %3 Zeilen behalten, %4 entfernt.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="530" />
            <source>Connecting…</source>
            <translation>Verbinde…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="562" />
            <source>Demo data · retries go to a local test receiver, nothing leaves this computer</source>
            <translation>Demodaten · Wiederholungen gehen an einen lokalen Testempfänger, nichts verlässt diesen Computer</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/fileflows.py" line="193" />
            <source>Export suppressions</source>
            <translation>Sperrliste exportieren</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/fileflows.py" line="156" />
            <source>Imported %1 message(s): %2 new, %3 bounce(s).</source>
            <translation>%1 Nachricht(en) importiert: %2 neu, %3 Bounce(s).</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/fileflows.py" line="153" />
            <source>Importing…</source>
            <translation>Importiere…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/fileflows.py" line="186" />
            <source>JSON, every column (*.json)</source>
            <translation>JSON, alle Spalten (*.json)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="578" />
            <source>Last sync — %1</source>
            <translation>Letzter Abruf – %1</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="357" />
            <source>Looking for due retries…</source>
            <translation>Suche fällige Wiederholungen…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/fileflows.py" line="42" />
            <source>Mailing list</source>
            <translation>Verteilerliste</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/fileflows.py" line="74" />
            <source>Mailing list to check</source>
            <translation>Zu prüfende Verteilerliste</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/fileflows.py" line="119" />
            <source>Mailing list to scrub</source>
            <translation>Zu bereinigende Verteilerliste</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="515" />
            <source>No account yet: add one under Accounts.</source>
            <translation>Noch kein Konto: fügen Sie eines unter Konten hinzu.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="570" />
            <source>No mail account yet</source>
            <translation>Noch kein E-Mail-Konto</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="363" />
            <source>No retries are due now.</source>
            <translation>Zurzeit ist keine Wiederholung fällig.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="348" />
            <source>Nothing to undo.</source>
            <translation>Nichts rückgängig zu machen.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="370" />
            <source>Nothing was sent.</source>
            <translation>Es wurde nichts gesendet.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="409" />
            <source>Only trust bounces about mail you really sent. You can undo this.</source>
            <translation>Erkennen Sie nur Bounces zu Post an, die Sie wirklich gesendet haben. Sie können das rückgängig machen.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/fileflows.py" line="187" />
            <source>Plain list, one address a line (*.txt)</source>
            <translation>Einfache Liste, eine Adresse pro Zeile (*.txt)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/fileflows.py" line="98" />
            <location filename="../../desktop/bouncedesk/ui/fileflows.py" line="126" />
            <source>Save the cleaned list as</source>
            <translation>Bereinigte Liste speichern als</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/fileflows.py" line="51" />
            <source>Scrub</source>
            <translation>Bereinigen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="620" />
            <source>Sender-side problem: %1</source>
            <translation>Problem auf Absenderseite: %1</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="469" />
            <source>Settings saved.</source>
            <translation>Einstellungen gespeichert.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="330" />
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="355" />
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="376" />
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="401" />
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="417" />
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="432" />
            <source>Still working on the last action…</source>
            <translation>Die letzte Aktion läuft noch…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="550" />
            <source>Sync cancelled; it continues where it stopped next time.</source>
            <translation>Abruf abgebrochen; beim nächsten Mal geht es dort weiter.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="552" />
            <source>Sync done: %n new bounce(s).</source>
            <translation>
                <numerusform>Abruf fertig: %n neuer Bounce.</numerusform>
                <numerusform>Abruf fertig: %n neue Bounces.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="548" />
            <source>Sync stopped: %1</source>
            <translation>Abruf abgebrochen: %1</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="537" />
            <source>Syncing %1/%2: %3 of %4</source>
            <translation>Rufe %1/%2 ab: %3 von %4</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/fileflows.py" line="171" />
            <source>Text or CSV (*.txt *.csv)</source>
            <translation>Text oder CSV (*.txt *.csv)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="118" />
            <source>The demo has no mailbox to sync</source>
            <translation>Die Demo hat kein Postfach zum Abrufen</translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="412" />
            <source>Trust %n bounce(s)</source>
            <translation>
                <numerusform>%n Bounce anerkennen</numerusform>
                <numerusform>%n Bounces anerkennen</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="428" />
            <source>Trust all bounces</source>
            <translation>Allen Bounces vertrauen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="427" />
            <source>Trust bounces without this check?</source>
            <translation>Bounces ohne diese Prüfung vertrauen?</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="411" />
            <source>Trust these bounces?</source>
            <translation>Diese Bounces anerkennen?</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/fileflows.py" line="43" />
            <source>What should BounceDesk do with %1?</source>
            <translation>Was soll BounceDesk mit %1 tun?</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="224" />
            <source>Working…</source>
            <translation>Arbeite…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="576" />
            <source>never synced</source>
            <translation>nie abgerufen</translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="407" />
            <source>up to %n recipient(s) may change (retries scheduled, addresses suppressed).</source>
            <translation>
                <numerusform>bis zu %n Empfänger kann sich ändern (Wiederholungen geplant, Adressen gesperrt).</numerusform>
                <numerusform>bis zu %n Empfänger können sich ändern (Wiederholungen geplant, Adressen gesperrt).</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="116" />
            <source>%n bounce(s) waiting for your decision</source>
            <translation>
                <numerusform>%n Bounce wartet auf Ihre Entscheidung</numerusform>
                <numerusform>%n Bounces warten auf Ihre Entscheidung</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="249" />
            <source>&amp;Actions</source>
            <translation>A&amp;ktionen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="239" />
            <source>&amp;Edit</source>
            <translation>&amp;Bearbeiten</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="227" />
            <source>&amp;File</source>
            <translation>&amp;Datei</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="256" />
            <source>&amp;Help</source>
            <translation>&amp;Hilfe</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="243" />
            <source>&amp;View</source>
            <translation>&amp;Ansicht</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="196" />
            <source>About BounceDesk</source>
            <translation>Über BounceDesk</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="55" />
            <source>Accounts</source>
            <translation>Konten</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="181" />
            <source>Add account…</source>
            <translation>Konto hinzufügen…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="162" />
            <source>Allow sending again</source>
            <translation>Wieder Senden erlauben</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="194" />
            <source>BounceDesk Help</source>
            <translation>BounceDesk-Hilfe</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="54" />
            <source>Bounces</source>
            <translation>Bounces</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="272" />
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="143" />
            <source>Cancel sync</source>
            <translation>Abruf abbrechen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="191" />
            <source>Check a mailing list…</source>
            <translation>Verteilerliste prüfen…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="181" />
            <source>Connect a mailbox that receives bounces</source>
            <translation>Ein Postfach verbinden, das Bounces empfängt</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="171" />
            <source>Contact…</source>
            <translation>Kontaktieren…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="168" />
            <source>Continue a paused recipient</source>
            <translation>Einen pausierten Empfänger fortsetzen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="191" />
            <source>Count suppressed, bounced, invalid, mistyped and repeated addresses per provider</source>
            <translation>Gesperrte, gebouncte, ungültige, vertippte und doppelte Adressen je Anbieter zählen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="53" />
            <source>Dashboard</source>
            <translation>Übersicht</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="189" />
            <source>Export suppressions…</source>
            <translation>Sperrliste exportieren…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="140" />
            <source>Fetch new bounces from every account</source>
            <translation>Neue Bounces aus allen Konten abrufen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="173" />
            <source>Find</source>
            <translation>Suchen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="184" />
            <source>Import bounces…</source>
            <translation>Bounces importieren…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="187" />
            <source>Import suppression list…</source>
            <translation>Sperrliste importieren…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="56" />
            <source>Log</source>
            <translation>Protokoll</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="55" />
            <source>Mailings</source>
            <translation>Aussendungen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="207" />
            <source>Main</source>
            <translation>Haupt</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="155" />
            <source>Mark as re-sent</source>
            <translation>Als erneut gesendet markieren</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="63" />
            <source>Navigation</source>
            <translation>Navigation</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="54" />
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="308" />
            <source>Needs review</source>
            <translation>Zu prüfen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="159" />
            <source>Never send to the selected addresses</source>
            <translation>Nie mehr an die ausgewählten Adressen senden</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="197" />
            <source>Open data folder</source>
            <translation>Datenordner öffnen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="165" />
            <source>Pause</source>
            <translation>Pausieren</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="55" />
            <source>Providers</source>
            <translation>Anbieter</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="192" />
            <source>Quit</source>
            <translation>Beenden</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="171" />
            <source>Reach the selected person another way</source>
            <translation>Die ausgewählte Person auf anderem Weg erreichen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="184" />
            <source>Read bounces from files, mbox or maildir</source>
            <translation>Bounces aus Dateien, mbox oder Maildir lesen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="53" />
            <source>Recipients</source>
            <translation>Empfänger</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="175" />
            <source>Refresh</source>
            <translation>Aktualisieren</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="175" />
            <source>Reload the current page</source>
            <translation>Die aktuelle Seite neu laden</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="168" />
            <source>Resume</source>
            <translation>Fortsetzen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="53" />
            <source>Retries</source>
            <translation>Wiederholungen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="152" />
            <source>Retry now</source>
            <translation>Jetzt wiederholen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="178" />
            <source>Retry schedule, actions, language</source>
            <translation>Wiederholungsplan, Aktionen, Sprache</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="147" />
            <source>Run due retries</source>
            <translation>Fällige Wiederholungen senden</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="190" />
            <source>Save a copy of a CSV list without addresses not to mail</source>
            <translation>Eine Kopie einer CSV-Liste ohne nicht anzuschreibende Adressen speichern</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="190" />
            <source>Scrub a mailing list…</source>
            <translation>Verteilerliste bereinigen…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="173" />
            <source>Search in the current list</source>
            <translation>In der aktuellen Liste suchen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="147" />
            <source>Send every retry that is due now</source>
            <translation>Jede jetzt fällige Wiederholung senden</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="152" />
            <source>Send the original again now</source>
            <translation>Das Original jetzt erneut senden</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="178" />
            <source>Settings…</source>
            <translation>Einstellungen…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="198" />
            <source>Show in system tray</source>
            <translation>Im Infobereich anzeigen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="165" />
            <source>Stop retrying until resumed</source>
            <translation>Wiederholungen anhalten, bis fortgesetzt wird</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="143" />
            <source>Stop the running sync</source>
            <translation>Den laufenden Abruf anhalten</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="273" />
            <source>Stop the running sync (Shift+F5)</source>
            <translation>Den laufenden Abruf anhalten (Umschalt+F5)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="159" />
            <source>Suppress</source>
            <translation>Sperren</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="187" />
            <source>Suppress every address in a file</source>
            <translation>Jede Adresse aus einer Datei sperren</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="54" />
            <source>Suppressions</source>
            <translation>Sperrliste</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="140" />
            <source>Sync now</source>
            <translation>Jetzt abrufen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="149" />
            <source>Undo</source>
            <translation>Rückgängig</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="149" />
            <source>Undo the last action</source>
            <translation>Die letzte Aktion rückgängig machen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="162" />
            <source>Unsuppress</source>
            <translation>Entsperren</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="194" />
            <source>What codes, reasons and states mean; your retry schedule</source>
            <translation>Was Codes, Gründe und Zustände bedeuten; Ihr Wiederholungsplan</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="156" />
            <source>You sent the message again yourself: count this attempt as sent</source>
            <translation>Sie haben die Nachricht selbst erneut gesendet: diesen Versuch als gesendet zählen</translation>
        </message>
    </context>
    <context>
        <name>OAuthSignIn</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/oauth_signin.py" line="117" />
            <location filename="../../desktop/bouncedesk/ui/oauth_signin.py" line="163" />
            <source>Not signed in.</source>
            <translation>Nicht angemeldet.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/oauth_signin.py" line="229" />
            <source>Sign-in not completed: %1</source>
            <translation>Anmeldung nicht abgeschlossen: %1</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/oauth_signin.py" line="159" />
            <location filename="../../desktop/bouncedesk/ui/oauth_signin.py" line="241" />
            <source>Signed in with %1.</source>
            <translation>Angemeldet mit %1.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/oauth_signin.py" line="243" />
            <source>Signed in with %1; the sign-in is kept when you save.</source>
            <translation>Angemeldet mit %1; die Anmeldung bleibt beim Speichern erhalten.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/oauth_signin.py" line="204" />
            <source>Waiting for the sign-in in your browser…</source>
            <translation>Warte auf die Anmeldung in Ihrem Browser…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/oauth_signin.py" line="168" />
            <source>Your sign-in has expired or was revoked. Click a sign-in button to sign in again.</source>
            <translation>Ihre Anmeldung ist abgelaufen oder wurde widerrufen. Klicken Sie auf eine Anmelde-Schaltfläche, um sich erneut anzumelden.</translation>
        </message>
    </context>
    <context>
        <name>OAuthSignInView</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/oauth_signin.py" line="74" />
            <source>App client ID:</source>
            <translation>Client-ID der App:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/oauth_signin.py" line="56" />
            <source>Cancel sign-in</source>
            <translation>Anmeldung abbrechen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/oauth_signin.py" line="75" />
            <source>Client secret:</source>
            <translation>Client-Geheimnis:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/oauth_signin.py" line="50" />
            <source>Sign in with %1</source>
            <translation>Mit %1 anmelden</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/oauth_signin.py" line="44" />
            <source>Sign in with your provider (OAuth2)</source>
            <translation>Beim Anbieter anmelden (OAuth2)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/oauth_signin.py" line="71" />
            <source>Sign-in state</source>
            <translation>Anmeldestatus</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/oauth_signin.py" line="61" />
            <source>client ID of your registered app</source>
            <translation>Client-ID Ihrer registrierten App</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/oauth_signin.py" line="64" />
            <source>only if the provider needs one (Google desktop clients)</source>
            <translation>nur wenn der Anbieter eines verlangt (Google-Desktop-Clients)</translation>
        </message>
    </context>
    <context>
        <name>Providers</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="98" />
            <source>Bounce rate</source>
            <translation>Bounce-Rate</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="97" />
            <source>Bounced</source>
            <translation>Gebounct</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="130" />
            <source>Bounces</source>
            <translation>Bounces</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="99" />
            <source>Complaints</source>
            <translation>Beschwerden</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="130" />
            <source>First seen</source>
            <translation>Zuerst gesehen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="98" />
            <source>Hard</source>
            <translation>Hart</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="131" />
            <source>Last seen</source>
            <translation>Zuletzt gesehen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="55" />
            <source>Others</source>
            <translation>Andere</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="130" />
            <source>Problem</source>
            <translation>Problem</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="99" />
            <source>Problems</source>
            <translation>Probleme</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="97" />
            <source>Provider</source>
            <translation>Anbieter</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="99" />
            <source>Sender-side</source>
            <translation>Absenderseite</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="97" />
            <source>Sent</source>
            <translation>Gesendet</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="98" />
            <source>Soft</source>
            <translation>Weich</translation>
        </message>
    </context>
    <context>
        <name>ProvidersController</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="369" />
            <source>%1 sent, %2 bounced (%3): %4 hard, %5 soft, %6 sender-side; complaints: %7</source>
            <translation>%1 gesendet, %2 gebounct (%3): %4 hart, %5 weich, %6 Absenderseite; Beschwerden: %7</translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="318" />
            <source>%n provider(s) in this period</source>
            <translation>
                <numerusform>%n Anbieter in diesem Zeitraum</numerusform>
                <numerusform>%n Anbieter in diesem Zeitraum</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="401" />
            <source>The servers' words:</source>
            <translation>Die Worte der Server:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="396" />
            <source>What to do: %1</source>
            <translation>Was zu tun ist: %1</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="399" />
            <source>Where: %1</source>
            <translation>Wo: %1</translation>
        </message>
    </context>
    <context>
        <name>ProvidersView</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="186" />
            <source>Bounce rate over time</source>
            <translation>Bounce-Rate im Zeitverlauf</translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="169" />
            <source>Last %n day(s)</source>
            <translation>
                <numerusform>Letzter Tag</numerusform>
                <numerusform>Letzte %n Tage</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="192" />
            <source>No sender-side problems at this provider in this period.</source>
            <translation>Keine Probleme auf Absenderseite bei diesem Anbieter in diesem Zeitraum.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="187" />
            <source>No sent mail is known for this provider: no bounce rate.</source>
            <translation>Für diesen Anbieter sind keine gesendeten Nachrichten bekannt: keine Bounce-Rate.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="178" />
            <source>No sent mail or bounces in this period.</source>
            <translation>Keine gesendeten Nachrichten oder Bounces in diesem Zeitraum.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="198" />
            <source>Open Bounces filtered to this problem (double-click does the same)</source>
            <translation>Bounces gefiltert auf dieses Problem öffnen (Doppelklick tut dasselbe)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="164" />
            <source>Per receiving provider: what you sent, what bounced, and sender-side problems named precisely (which blocklist, which check failed) with the fix.</source>
            <translation>Je empfangendem Anbieter: was Sie gesendet haben, was zurückkam, und Probleme auf Absenderseite genau benannt (welche Blockliste, welche Prüfung fehlschlug) mit der Lösung.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="171" />
            <source>Period</source>
            <translation>Zeitraum</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="163" />
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="177" />
            <source>Providers</source>
            <translation>Anbieter</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="191" />
            <source>Sender-side problems</source>
            <translation>Probleme auf Absenderseite</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="196" />
            <source>Show these bounces</source>
            <translation>Diese Bounces zeigen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="195" />
            <source>What to do</source>
            <translation>Was zu tun ist</translation>
        </message>
    </context>
    <context>
        <name>ReviewController</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/review.py" line="187" />
            <source>%n bounce(s) waiting</source>
            <translation>
                <numerusform>%n Bounce wartet</numerusform>
                <numerusform>%n Bounces warten</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/review.py" line="194" />
            <source>Dismiss</source>
            <translation>Verwerfen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/review.py" line="182" />
            <source>No waiting bounce matches.</source>
            <translation>Kein wartender Bounce passt.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/review.py" line="183" />
            <source>Nothing waits for review. A bounce that names no message you sent would wait here before it changes anything.</source>
            <translation>Nichts ist zu prüfen. Ein Bounce, der keine von Ihnen gesendete Nachricht nennt, würde hier warten, bevor er etwas ändert.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/review.py" line="193" />
            <source>Trust…</source>
            <translation>Anerkennen…</translation>
        </message>
    </context>
    <context>
        <name>ReviewPageView</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/review.py" line="85" />
            <source>Bounces that would change a recipient but name no message you sent. They change nothing until you trust them.</source>
            <translation>Bounces, die einen Empfänger ändern würden, aber keine von Ihnen gesendete Nachricht nennen. Sie ändern nichts, bis Sie sie anerkennen.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/review.py" line="112" />
            <source>Dismiss</source>
            <translation>Verwerfen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/review.py" line="95" />
            <source>Let every bounce change recipients, whether or not it names a message you sent</source>
            <translation>Jeden Bounce Empfänger ändern lassen, ob er eine von Ihnen gesendete Nachricht nennt oder nicht</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/review.py" line="84" />
            <source>Needs review</source>
            <translation>Zu prüfen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/review.py" line="112" />
            <source>Not about your mail: keep them as information, change nothing</source>
            <translation>Nicht Ihre Post: als Information behalten, nichts ändern</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/review.py" line="108" />
            <source>These bounces are about your mail: let them act as if verified</source>
            <translation>Diese Bounces gehören zu Ihrer Post: sie wirken lassen, als wären sie bestätigt</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/review.py" line="93" />
            <source>Trust bounces without this check…</source>
            <translation>Bounces ohne diese Prüfung vertrauen…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/views/review.py" line="107" />
            <source>Trust…</source>
            <translation>Anerkennen…</translation>
        </message>
    </context>
    <context>
        <name>RunDueDialog</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/dialogs/rundue.py" line="37" />
            <source>%n retry(s) are due now.</source>
            <translation>
                <numerusform>%n Wiederholung ist jetzt fällig.</numerusform>
                <numerusform>%n Wiederholungen sind jetzt fällig.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/rundue.py" line="70" />
            <source>(no subject)</source>
            <translation>(ohne Betreff)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/rundue.py" line="58" />
            <source>Attempt</source>
            <translation>Versuch</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/rundue.py" line="59" />
            <source>Bounced</source>
            <translation>Bounce vom</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/rundue.py" line="50" />
            <source>Each recipient gets your own copy of the message again, from your sent mail. Nothing is sent until you click Send.</source>
            <translation>Jeder Empfänger erhält Ihre eigene Kopie der Nachricht erneut, aus Ihren gesendeten Nachrichten. Nichts wird gesendet, bevor Sie auf Senden klicken.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/rundue.py" line="58" />
            <source>Message</source>
            <translation>Nachricht</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/rundue.py" line="58" />
            <source>Recipient</source>
            <translation>Empfänger</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/rundue.py" line="60" />
            <source>Retries that would be sent</source>
            <translation>Wiederholungen, die gesendet würden</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/rundue.py" line="34" />
            <source>Run due retries</source>
            <translation>Fällige Wiederholungen senden</translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/dialogs/rundue.py" line="82" />
            <source>Send %n retry(s)</source>
            <translation>
                <numerusform>%n Wiederholung senden</numerusform>
                <numerusform>%n Wiederholungen senden</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/rundue.py" line="44" />
            <source>The oldest bounce among them arrived %1.</source>
            <translation>Der älteste Bounce darunter kam am %1.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/dialogs/rundue.py" line="77" />
            <source>… and %n more.</source>
            <translation>
                <numerusform>… und %n weitere.</numerusform>
                <numerusform>… und %n weitere.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Settings</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="328" />
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n Tag</numerusform>
                <numerusform>%n Tage</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="329" />
            <source>%n hour(s)</source>
            <translation>
                <numerusform>%n Stunde</numerusform>
                <numerusform>%n Stunden</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="70" />
            <source>A bounce acts only when it names a message you sent to that address. The others wait in Needs review.</source>
            <translation>Ein Bounce wirkt nur, wenn er eine Nachricht nennt, die Sie an diese Adresse gesendet haben. Die anderen warten unter „Zu prüfen“.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="79" />
            <source>All bounces, without this check</source>
            <translation>Alle Bounces, ohne diese Prüfung</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="75" />
            <source>Also bounces that only carry your domain or your address, but no message BounceDesk knows you sent.</source>
            <translation>Auch Bounces, die nur Ihre Domain oder Ihre Adresse tragen, aber keine Nachricht, von der BounceDesk weiß, dass Sie sie gesendet haben.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="326" />
            <source>As long as the retry schedule lasts</source>
            <translation>So lange, wie der Wiederholungsplan dauert</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="411" />
            <source>Data folder</source>
            <translation>Datenordner</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="69" />
            <source>Only verified bounces (recommended)</source>
            <translation>Nur bestätigte Bounces (empfohlen)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="421" />
            <source>The retry schedule is a list of whole hours, like 24, 48, 72.</source>
            <translation>Der Wiederholungsplan ist eine Liste ganzer Stunden, z. B. 24, 48, 72.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="74" />
            <source>Verified and plausible bounces</source>
            <translation>Bestätigte und plausible Bounces</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="80" />
            <source>Warning: anyone who can send mail to your monitored mailbox can then change your recipients. Only for mailboxes whose sent mail BounceDesk cannot read.</source>
            <translation>Achtung: Dann kann jeder, der Ihrem überwachten Postfach schreiben kann, Ihre Empfänger ändern. Nur für Postfächer, deren gesendete Nachrichten BounceDesk nicht lesen kann.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="54" />
            <source>alert me (sender-side)</source>
            <translation>mich warnen (Absenderseite)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="214" />
            <source>days</source>
            <translation>Tage</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="352" />
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="384" />
            <source>depends on the bounce (default)</source>
            <translation>je nach Bounce (Standard)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="215" />
            <source>hours</source>
            <translation>Stunden</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="57" />
            <source>mark delivered</source>
            <translation>als zugestellt werten</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="55" />
            <source>only record</source>
            <translation>nur vermerken</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="52" />
            <source>retry on schedule</source>
            <translation>nach Plan wiederholen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="53" />
            <source>suppress</source>
            <translation>sperren</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="56" />
            <source>wait (auto-reply)</source>
            <translation>warten (Abwesenheitsnotiz)</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="405" />
            <source>“%1” is not a status code like 4.2.1.</source>
            <translation>„%1“ ist kein Statuscode wie 4.2.1.</translation>
        </message>
    </context>
    <context>
        <name>SettingsController</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="277" />
            <source>Corrections</source>
            <translation>Korrekturen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="279" />
            <source>Mailings</source>
            <translation>Aussendungen</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="162" />
            <source> min</source>
            <translation> Min.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="185" />
            <source>A new data folder is used from the next start.</source>
            <translation>Ein neuer Datenordner gilt ab dem nächsten Start.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="117" />
            <source>A reply to your mail makes a retrying or inactive address active again</source>
            <translation>Eine Antwort auf Ihre E-Mail macht eine Adresse, die in Wiederholung oder inaktiv ist, wieder aktiv</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="216" />
            <source>A soft bounce that is already older than this when it arrives is history: it is recorded, but no retry is scheduled for it.</source>
            <translation>Ein weicher Bounce, der bei seiner Ankunft schon älter ist, ist Geschichte: Er wird erfasst, aber keine Wiederholung wird geplant.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="129" />
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="134" />
            <source>Action</source>
            <translation>Aktion</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="234" />
            <source>Actions</source>
            <translation>Aktionen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="143" />
            <source>Add code</source>
            <translation>Code hinzufügen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="123" />
            <source>After the last attempt bounces too, the address becomes inactive.</source>
            <translation>Kommt auch der letzte Versuch zurück, wird die Adresse inaktiv.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="235" />
            <source>Checking bounces</source>
            <translation>Bounces prüfen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="175" />
            <source>Choose…</source>
            <translation>Auswählen…</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="171" />
            <source>Dark</source>
            <translation>Dunkel</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="184" />
            <source>Data folder:</source>
            <translation>Datenordner:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="116" />
            <source>Frequent bouncer:</source>
            <translation>Häufige Bounces:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="232" />
            <source>General</source>
            <translation>Allgemein</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="99" />
            <source>Hours to wait before each retry, e.g. 24, 48, 72, 168</source>
            <translation>Stunden Wartezeit vor jeder Wiederholung, z. B. 24, 48, 72, 168</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="182" />
            <source>Language:</source>
            <translation>Sprache:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="170" />
            <source>Light</source>
            <translation>Hell</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="169" />
            <source>Like the system</source>
            <translation>Wie das System</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="115" />
            <source>Maximum attempts:</source>
            <translation>Höchstzahl Versuche:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="221" />
            <source>Older than:</source>
            <translation>Älter als:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="119" />
            <source>Only a reply from the address itself that answers a message you sent to it counts. Suppressed and paused addresses never change by themselves.</source>
            <translation>Es zählt nur eine Antwort von der Adresse selbst auf eine Nachricht, die Sie an sie gesendet haben. Gesperrte und pausierte Adressen ändern sich nie von selbst.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="129" />
            <source>Reason</source>
            <translation>Grund</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="144" />
            <source>Remove code</source>
            <translation>Code entfernen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="233" />
            <source>Retries</source>
            <translation>Wiederholungen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="114" />
            <source>Retry after (hours):</source>
            <translation>Wiederholen nach (Stunden):</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="95" />
            <source>Settings</source>
            <translation>Einstellungen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="134" />
            <source>Status code</source>
            <translation>Statuscode</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="181" />
            <source>Sync every:</source>
            <translation>Abrufen alle:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="183" />
            <source>Theme:</source>
            <translation>Darstellung:</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="152" />
            <source>What BounceDesk does with a bounce, by its reason. An action for a status code comes first.</source>
            <translation>Was BounceDesk mit einem Bounce tut, nach seinem Grund. Eine Aktion für einen Statuscode hat Vorrang.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="194" />
            <source>Which bounces may change your recipients by themselves? The others wait in Needs review until you decide.</source>
            <translation>Welche Bounces dürfen Ihre Empfänger von selbst ändern? Die anderen warten unter „Zu prüfen“, bis Sie entscheiden.</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="108" />
            <source>bounces within</source>
            <translation>Bounces innerhalb von</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="110" />
            <source>days</source>
            <translation>Tagen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="163" />
            <source>only when I click Sync now</source>
            <translation>nur wenn ich „Jetzt abrufen“ klicke</translation>
        </message>
    </context>
    <context>
        <name>UndoBar</name>
        <message>
            <location filename="../../desktop/bouncedesk/ui/widgets.py" line="125" />
            <source>Close</source>
            <translation>Schließen</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/widgets.py" line="121" />
            <source>Undo</source>
            <translation>Rückgängig</translation>
        </message>
        <message>
            <location filename="../../desktop/bouncedesk/ui/widgets.py" line="122" />
            <source>Undo the last action (Ctrl+Z)</source>
            <translation>Die letzte Aktion rückgängig machen (Strg+Z)</translation>
        </message>
    </context>
</TS>
