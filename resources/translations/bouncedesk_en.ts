<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>AccountController</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="437" />
            <source>Connected and logged in. The server has %n folder(s).</source>
            <translation>
                <numerusform>Connected and logged in. The server has %n folder.</numerusform>
                <numerusform>Connected and logged in. The server has %n folders.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Actions</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="74" />
            <source>%n already suppressed</source>
            <translation>
                <numerusform>%n already suppressed</numerusform>
                <numerusform>%n already suppressed</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="113" />
            <source>%n back to active</source>
            <translation>
                <numerusform>%n back to active</numerusform>
                <numerusform>%n back to active</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="72" />
            <source>%n invalid</source>
            <translation>
                <numerusform>%n invalid</numerusform>
                <numerusform>%n invalid</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="111" />
            <source>%n left for later</source>
            <translation>
                <numerusform>%n left for later</numerusform>
                <numerusform>%n left for later</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="62" />
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="78" />
            <source>%n not done</source>
            <translation>
                <numerusform>%n not done</numerusform>
                <numerusform>%n not done</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="227" />
            <source>%n recipient(s) changed</source>
            <translation>
                <numerusform>%n recipient changed</numerusform>
                <numerusform>%n recipients changed</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="109" />
            <source>%n skipped</source>
            <translation>
                <numerusform>%n skipped</numerusform>
                <numerusform>%n skipped</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="76" />
            <source>%n still subscribed there (left alone)</source>
            <translation>
                <numerusform>%n still subscribed there (left alone)</numerusform>
                <numerusform>%n still subscribed there (left alone)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="119" />
            <source>(and %n more, see the log)</source>
            <translation>
                <numerusform>(and %n more, see the log)</numerusform>
                <numerusform>(and %n more, see the log)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="256" />
            <source>Bounces now act without the check; %n waiting bounce(s) acted.</source>
            <translation>
                <numerusform>Bounces now act without the check; %n waiting bounce acted.</numerusform>
                <numerusform>Bounces now act without the check; %n waiting bounces acted.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="57" />
            <source>Contact recorded for %n address(es)</source>
            <translation>
                <numerusform>Contact recorded for %n address</numerusform>
                <numerusform>Contact recorded for %n addresses</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="230" />
            <source>Dismissed %n bounce(s)</source>
            <translation>
                <numerusform>Dismissed %n bounce</numerusform>
                <numerusform>Dismissed %n bounces</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="68" />
            <source>Imported %n address(es) from %1</source>
            <translation>
                <numerusform>Imported %n address from %1</numerusform>
                <numerusform>Imported %n addresses from %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="52" />
            <source>Marked %n address(es) as re-sent</source>
            <translation>
                <numerusform>Marked %n address as re-sent</numerusform>
                <numerusform>Marked %n addresses as re-sent</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="55" />
            <source>Paused %n address(es)</source>
            <translation>
                <numerusform>Paused %n address</numerusform>
                <numerusform>Paused %n addresses</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="58" />
            <source>Recovery undone for %n address(es)</source>
            <translation>
                <numerusform>Recovery undone for %n address</numerusform>
                <numerusform>Recovery undone for %n addresses</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="56" />
            <source>Resumed %n address(es)</source>
            <translation>
                <numerusform>Resumed %n address</numerusform>
                <numerusform>Resumed %n addresses</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="51" />
            <source>Retried %n address(es)</source>
            <translation>
                <numerusform>Retried %n address</numerusform>
                <numerusform>Retried %n addresses</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="53" />
            <source>Suppressed %n address(es)</source>
            <translation>
                <numerusform>Suppressed %n address</numerusform>
                <numerusform>Suppressed %n addresses</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="226" />
            <source>Trusted %n bounce(s)</source>
            <translation>
                <numerusform>Trusted %n bounce</numerusform>
                <numerusform>Trusted %n bounces</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="48" />
            <source>Undone for %n address(es)</source>
            <translation>
                <numerusform>Undone for %n address</numerusform>
                <numerusform>Undone for %n addresses</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="54" />
            <source>Unsuppressed %n address(es)</source>
            <translation>
                <numerusform>Unsuppressed %n address</numerusform>
                <numerusform>Unsuppressed %n addresses</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DashboardController</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="364" />
            <source>%1 · %n time(s)</source>
            <translation>
                <numerusform>%1 · once</numerusform>
                <numerusform>%1 · %n times</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="324" />
            <source>%n paused</source>
            <translation>
                <numerusform>%n paused</numerusform>
                <numerusform>%n paused</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="323" />
            <source>%n recipient(s) known</source>
            <translation>
                <numerusform>%n recipient known</numerusform>
                <numerusform>%n recipients known</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="319" />
            <source>%n retry(s) scheduled in total</source>
            <translation>
                <numerusform>%n retry scheduled in total</numerusform>
                <numerusform>%n retries scheduled in total</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="387" />
            <source>and %n more</source>
            <translation>
                <numerusform>and %n more</numerusform>
                <numerusform>and %n more</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DashboardView</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="49" />
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n day</numerusform>
                <numerusform>%n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="52" />
            <source>Show the last %n day(s)</source>
            <translation>
                <numerusform>Show the last day</numerusform>
                <numerusform>Show the last %n days</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DetailController</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="286" />
            <source>%n bounce(s)</source>
            <translation>
                <numerusform>%n bounce</numerusform>
                <numerusform>%n bounces</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Format</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/format.py" line="50" />
            <source>%n days ago</source>
            <translation>
                <numerusform>%n day ago</numerusform>
                <numerusform>%n days ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/format.py" line="48" />
            <source>%n h ago</source>
            <translation>
                <numerusform>%n h ago</numerusform>
                <numerusform>%n h ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/format.py" line="45" />
            <source>%n min ago</source>
            <translation>
                <numerusform>%n min ago</numerusform>
                <numerusform>%n min ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/format.py" line="50" />
            <source>in %n days</source>
            <translation>
                <numerusform>in %n day</numerusform>
                <numerusform>in %n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/format.py" line="48" />
            <source>in %n h</source>
            <translation>
                <numerusform>in %n h</numerusform>
                <numerusform>in %n h</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/format.py" line="45" />
            <source>in %n min</source>
            <translation>
                <numerusform>in %n min</numerusform>
                <numerusform>in %n min</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Help</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="48" />
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n day</numerusform>
                <numerusform>%n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="49" />
            <source>%n hour(s)</source>
            <translation>
                <numerusform>%n hour</numerusform>
                <numerusform>%n hours</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/help.py" line="204" />
            <source>After a soft bounce of mail you sent, BounceDesk sends its own copy of the message again, at most %n time(s):</source>
            <translation>
                <numerusform>After a soft bounce of mail you sent, BounceDesk sends its own copy of the message again, at most once:</numerusform>
                <numerusform>After a soft bounce of mail you sent, BounceDesk sends its own copy of the message again, at most %n times:</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ListCheckDialog</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/dialogs/listcheck.py" line="42" />
            <source>%1: %n address(es) checked.</source>
            <translation>
                <numerusform>%1: %n address checked.</numerusform>
                <numerusform>%1: %n addresses checked.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ListController</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/lists.py" line="195" />
            <source>%n row(s)</source>
            <translation>
                <numerusform>%n row</numerusform>
                <numerusform>%n rows</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Lists</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/searchwords.py" line="84" />
            <source>%n match(es)</source>
            <translation>
                <numerusform>%n match</numerusform>
                <numerusform>%n matches</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/recipients.py" line="128" />
            <source>%n recipient(s)</source>
            <translation>
                <numerusform>%n recipient</numerusform>
                <numerusform>%n recipients</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/bounces.py" line="126" />
            <source>%n report(s)</source>
            <translation>
                <numerusform>%n report</numerusform>
                <numerusform>%n reports</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/retries.py" line="82" />
            <source>%n retry(s)</source>
            <translation>
                <numerusform>%n retry</numerusform>
                <numerusform>%n retries</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/suppressions.py" line="75" />
            <source>%n suppressed address(es)</source>
            <translation>
                <numerusform>%n suppressed address</numerusform>
                <numerusform>%n suppressed addresses</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MailingsController</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="377" />
            <source>%n mailing(s)</source>
            <translation>
                <numerusform>%n mailing</numerusform>
                <numerusform>%n mailings</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="442" />
            <source>%n recipient(s)</source>
            <translation>
                <numerusform>%n recipient</numerusform>
                <numerusform>%n recipients</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="378" />
            <source>%n with an alert</source>
            <translation>
                <numerusform>%n with an alert</numerusform>
                <numerusform>%n with an alert</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MailingsView</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/mailings.py" line="235" />
            <source>Mailings to %n or more recipients</source>
            <translation>
                <numerusform>Mailings to %n or more recipients</numerusform>
                <numerusform>Mailings to %n or more recipients</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MainController</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/fileflows.py" line="202" />
            <source>%n address(es) exported to %1.</source>
            <translation>
                <numerusform>%n address exported to %1.</numerusform>
                <numerusform>%n addresses exported to %1.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="406" />
            <source>%n bounce(s) will act as if verified:</source>
            <translation>
                <numerusform>%n bounce will act as if verified:</numerusform>
                <numerusform>%n bounces will act as if verified:</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="555" />
            <source>%n new bounce(s) arrived.</source>
            <translation>
                <numerusform>%n new bounce arrived.</numerusform>
                <numerusform>%n new bounces arrived.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="616" />
            <source>%n retry(s) are due.</source>
            <translation>
                <numerusform>%n retry is due.</numerusform>
                <numerusform>%n retries are due.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/fileflows.py" line="87" />
            <source>Checked %n address(es).</source>
            <translation>
                <numerusform>Checked %n address.</numerusform>
                <numerusform>Checked %n addresses.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="552" />
            <source>Sync done: %n new bounce(s).</source>
            <translation>
                <numerusform>Sync done: %n new bounce.</numerusform>
                <numerusform>Sync done: %n new bounces.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="412" />
            <source>Trust %n bounce(s)</source>
            <translation>
                <numerusform>Trust %n bounce</numerusform>
                <numerusform>Trust %n bounces</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="407" />
            <source>up to %n recipient(s) may change (retries scheduled, addresses suppressed).</source>
            <translation>
                <numerusform>%n recipient may change (retries scheduled, addresses suppressed).</numerusform>
                <numerusform>up to %n recipients may change (retries scheduled, addresses suppressed).</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/mainwindow.py" line="116" />
            <source>%n bounce(s) waiting for your decision</source>
            <translation>
                <numerusform>%n bounce waiting for your decision</numerusform>
                <numerusform>%n bounces waiting for your decision</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ProvidersController</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="318" />
            <source>%n provider(s) in this period</source>
            <translation>
                <numerusform>%n provider in this period</numerusform>
                <numerusform>%n providers in this period</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ProvidersView</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/providers.py" line="169" />
            <source>Last %n day(s)</source>
            <translation>
                <numerusform>Last day</numerusform>
                <numerusform>Last %n days</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReviewController</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/review.py" line="187" />
            <source>%n bounce(s) waiting</source>
            <translation>
                <numerusform>%n bounce waiting</numerusform>
                <numerusform>%n bounces waiting</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RunDueDialog</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/dialogs/rundue.py" line="37" />
            <source>%n retry(s) are due now.</source>
            <translation>
                <numerusform>%n retry is due now.</numerusform>
                <numerusform>%n retries are due now.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/dialogs/rundue.py" line="82" />
            <source>Send %n retry(s)</source>
            <translation>
                <numerusform>Send %n retry</numerusform>
                <numerusform>Send %n retries</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/dialogs/rundue.py" line="77" />
            <source>… and %n more.</source>
            <translation>
                <numerusform>… and %n more.</numerusform>
                <numerusform>… and %n more.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Settings</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="328" />
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n day</numerusform>
                <numerusform>%n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/dialogs/settings.py" line="329" />
            <source>%n hour(s)</source>
            <translation>
                <numerusform>%n hour</numerusform>
                <numerusform>%n hours</numerusform>
            </translation>
        </message>
    </context>
</TS>
