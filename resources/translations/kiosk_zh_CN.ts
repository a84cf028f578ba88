<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Main</name>
    <message>
        <location filename="../../ui/Main.qml" line="13" />
        <source>Station Kiosk</source>
        <translation>工会驿站自助终端</translation>
    </message>
    <message>
        <location filename="../../ui/Main.qml" line="46" />
        <source>Welcome, riders! Rest, water, charging and help are here.</source>
        <translation>欢迎骑手朋友！这里可以休息、喝水、充电、寻求帮助。</translation>
    </message>
    <message>
        <location filename="../../ui/Main.qml" line="53" />
        <source>Today: %1 check-ins by %2 riders</source>
        <translation>今日签到 %1 人次，共 %2 人</translation>
    </message>
</context>
</TS>