import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

ApplicationWindow {
    id: root
    required property var home
    required property var language

    width: 1280
    height: 800
    visible: true
    title: qsTr("Station Kiosk")
    color: "#fff7f0"

    header: Rectangle {
        height: 96
        color: "#c8161d"
        RowLayout {
            anchors.fill: parent
            anchors.margins: 16
            Label {
                objectName: "stationName"
                text: root.home.stationName
                color: "white"
                font.pixelSize: 36
                font.bold: true
                Layout.fillWidth: true
            }
            Button {
                objectName: "languageButton"
                text: root.language.current === "zh_CN" ? "EN" : "中文"
                font.pixelSize: 28
                Layout.preferredWidth: 120
                Layout.preferredHeight: 64
                onClicked: root.language.setLanguage(root.language.current === "zh_CN" ? "en" : "zh_CN")
            }
        }
    }

    ColumnLayout {
        anchors.centerIn: parent
        spacing: 24
        Label {
            objectName: "welcome"
            text: qsTr("Welcome, riders! Rest, water, charging and help are here.")
            font.pixelSize: 40
            color: "#3a1a12"
            Layout.alignment: Qt.AlignHCenter
        }
        Label {
            objectName: "todayCounts"
            text: qsTr("Today: %1 check-ins by %2 riders").arg(root.home.checkinsToday).arg(root.home.ridersToday)
            font.pixelSize: 32
            color: "#7a2e20"
            Layout.alignment: Qt.AlignHCenter
        }
    }
}
