<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>AccountController</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/dialogs/account.py" line="271" />
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
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="59" />
            <source>%n not done</source>
            <translation>
                <numerusform>%n not done</numerusform>
                <numerusform>%n not done</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="55" />
            <source>Contact recorded for %n address(es)</source>
            <translation>
                <numerusform>Contact recorded for %n address</numerusform>
                <numerusform>Contact recorded for %n addresses</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="50" />
            <source>Marked %n address(es) as re-sent</source>
            <translation>
                <numerusform>Marked %n address as re-sent</numerusform>
                <numerusform>Marked %n addresses as re-sent</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="53" />
            <source>Paused %n address(es)</source>
            <translation>
                <numerusform>Paused %n address</numerusform>
                <numerusform>Paused %n addresses</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="54" />
            <source>Resumed %n address(es)</source>
            <translation>
                <numerusform>Resumed %n address</numerusform>
                <numerusform>Resumed %n addresses</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="49" />
            <source>Retried %n address(es)</source>
            <translation>
                <numerusform>Retried %n address</numerusform>
                <numerusform>Retried %n addresses</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="51" />
            <source>Suppressed %n address(es)</source>
            <translation>
                <numerusform>Suppressed %n address</numerusform>
                <numerusform>Suppressed %n addresses</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="46" />
            <source>Undone for %n address(es)</source>
            <translation>
                <numerusform>Undone for %n address</numerusform>
                <numerusform>Undone for %n addresses</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/actionhub.py" line="52" />
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
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="305" />
            <source>%1 · %n time(s)</source>
            <translation>
                <numerusform>%1 · once</numerusform>
                <numerusform>%1 · %n times</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="270" />
            <source>%n paused</source>
            <translation>
                <numerusform>%n paused</numerusform>
                <numerusform>%n paused</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="269" />
            <source>%n recipient(s) known</source>
            <translation>
                <numerusform>%n recipient known</numerusform>
                <numerusform>%n recipients known</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="265" />
            <source>%n retry(s) scheduled in total</source>
            <translation>
                <numerusform>%n retry scheduled in total</numerusform>
                <numerusform>%n retries scheduled in total</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="324" />
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
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="48" />
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n day</numerusform>
                <numerusform>%n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/dashboard.py" line="51" />
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
            <location filename="../../desktop/bouncedesk/ui/views/detail.py" line="231" />
            <source>%n bounce(s)</source>
            <translation>
                <numerusform>%n bounce</numerusform>
                <numerusform>%n bounces</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ListController</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/lists.py" line="201" />
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
            <location filename="../../desktop/bouncedesk/ui/views/lists.py" line="482" />
            <source>%n recipient(s)</source>
            <translation>
                <numerusform>%n recipient</numerusform>
                <numerusform>%n recipients</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/lists.py" line="560" />
            <source>%n report(s)</source>
            <translation>
                <numerusform>%n report</numerusform>
                <numerusform>%n reports</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/lists.py" line="367" />
            <source>%n retry(s)</source>
            <translation>
                <numerusform>%n retry</numerusform>
                <numerusform>%n retries</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/views/lists.py" line="647" />
            <source>%n suppressed address(es)</source>
            <translation>
                <numerusform>%n suppressed address</numerusform>
                <numerusform>%n suppressed addresses</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MainController</name>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="491" />
            <source>%n address(es) exported to %1.</source>
            <translation>
                <numerusform>%n address exported to %1.</numerusform>
                <numerusform>%n addresses exported to %1.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="380" />
            <source>%n new bounce(s) arrived.</source>
            <translation>
                <numerusform>%n new bounce arrived.</numerusform>
                <numerusform>%n new bounces arrived.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="523" />
            <source>%n retry(s) are due.</source>
            <translation>
                <numerusform>%n retry is due.</numerusform>
                <numerusform>%n retries are due.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../desktop/bouncedesk/ui/controller.py" line="377" />
            <source>Sync done: %n new bounce(s).</source>
            <translation>
                <numerusform>Sync done: %n new bounce.</numerusform>
                <numerusform>Sync done: %n new bounces.</numerusform>
            </translation>
        </message>
    </context>
</TS>
