<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>HomeScreen</name>
    <message numerus="yes">
        <location filename="../../ui/screens/HomeScreen.qml" line="150" />
        <source>Today: %n check-in(s)</source>
        <translation><numerusform>Today: %n check-in</numerusform><numerusform>Today: %n check-ins</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/HomeScreen.qml" line="150" />
        <source> by %n rider(s)</source>
        <translation><numerusform> by %n rider</numerusform><numerusform> by %n riders</numerusform></translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message numerus="yes">
        <location filename="../../kiosk/app/messages.py" line="71" />
        <source>Wrong PIN. %n try(s) left.</source>
        <translation><numerusform>Wrong PIN. %n try left.</numerusform><numerusform>Wrong PIN. %n tries left.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/app/messages.py" line="73" />
        <source>Too many wrong PINs. Please wait %n second(s).</source>
        <translation><numerusform>Too many wrong PINs. Please wait %n second.</numerusform><numerusform>Too many wrong PINs. Please wait %n seconds.</numerusform></translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message numerus="yes">
        <location filename="../../ui/screens/StaffScreen.qml" line="59" />
        <source> (+%n more)</source>
        <translation><numerusform> and %n other</numerusform><numerusform> and %n others</numerusform></translation>
    </message>
</context>
<context>
    <name>TechModel</name>
    <message numerus="yes">
        <location filename="../../kiosk/app/tech.py" line="161" />
        <source>Read %n character(s).</source>
        <translation><numerusform>Read %n character.</numerusform><numerusform>Read %n characters.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/app/tech.py" line="196" />
        <source>Wrote %n event(s) to %1: take it to the union office.</source>
        <translation><numerusform>Wrote %n event to %1: take it to the union office.</numerusform><numerusform>Wrote %n events to %1: take it to the union office.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/app/tech.py" line="211" />
        <source>The hub has this station's events up to %1; %n change(s) applied.</source>
        <translation><numerusform>The hub has this station's events up to %1; %n change applied.</numerusform><numerusform>The hub has this station's events up to %1; %n changes applied.</numerusform></translation>
    </message>
</context>
</TS>