import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk
import "../components"

KioskPage {
    id: screen
    objectName: "techScreen"
    required property TechModel tech
    required property Settings settings
    required property CameraScanner camera
    readonly property var status: tech.status
    // The choices being edited; saved together with "Save settings".
    property string mode: settings.mode
    property string language: settings.language
    property int idleTimeout: settings.idleTimeout
    readonly property var idleChoices: [30, 60, 90, 120, 180, 300]
    Component.onCompleted: tech.refresh()

    component Label: Text { font.pixelSize: Theme.small; color: Theme.muted }
    component Value: Text { font.pixelSize: Theme.small; color: Theme.ink; wrapMode: Text.WordWrap; Layout.fillWidth: true }
    component Choice: BigButton {
        property bool chosen: false
        primary: chosen
        font.pixelSize: Theme.small
        implicitWidth: Math.max(120, contentItem.implicitWidth + 40)
    }

    Flickable {
        anchors.fill: parent
        anchors.margins: 24
        contentWidth: width
        contentHeight: page.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: page
            width: parent.width
            spacing: 14
            RowLayout {
                Layout.fillWidth: true
                ScreenTitle { text: qsTr("Technician"); Layout.fillWidth: true; horizontalAlignment: Text.AlignLeft }
                BigButton { objectName: "lockButton"; text: qsTr("Lock"); primary: false; onClicked: screen.homeRequested() }
            }
            GridLayout {
                columns: screen.portrait ? 1 : 2
                columnSpacing: 40
                rowSpacing: 24
                Layout.fillWidth: true

                // Status and diagnostics.
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop
                    spacing: 12
                    GridLayout {
                        columns: 2
                        columnSpacing: 20
                        rowSpacing: 6
                        Layout.fillWidth: true
                        Label { text: qsTr("Station") }
                        Value { text: (screen.status.name || "") + " (" + (screen.status.stationId || "") + ")" }
                        Label { text: qsTr("Hub") }
                        Value { text: screen.status.hubUrl || qsTr("not enrolled") }
                        Label { text: qsTr("Events not yet at the hub") }
                        Value { objectName: "pendingEvents"; text: screen.status.pendingEvents ?? "" }
                        Label { text: qsTr("Last sync") }
                        Value { text: screen.status.lastSuccess || qsTr("never") }
                        Label { text: qsTr("Last error") }
                        Value { text: screen.status.lastError || qsTr("none") }
                        Label { text: qsTr("Clock offset to the hub") }
                        Value { text: (screen.status.clockOffsetS ?? 0) + " s" }
                        Label { text: qsTr("Database") }
                        Value { objectName: "integrity"; text: screen.tech.integrity === "ok" ? qsTr("No problems found") : (screen.tech.integrity || qsTr("not checked")) }
                        Label { text: qsTr("Free disk") }
                        Value { text: screen.tech.diskFreeMb + " MiB" }
                        Label { text: qsTr("Camera") }
                        Value { objectName: "cameraName"; text: screen.camera.cameraName || qsTr("none found") }
                    }
                    Value { text: qsTr("To test the scanner or the camera, scan a code now.") }
                    Flow {
                        Layout.fillWidth: true
                        spacing: 12
                        BigButton { objectName: "syncNow"; text: qsTr("Sync now"); font.pixelSize: Theme.small; onClicked: screen.tech.syncNow() }
                        BigButton { objectName: "checkDatabase"; text: qsTr("Check database"); primary: false; font.pixelSize: Theme.small; onClicked: screen.tech.checkDatabase() }
                        BigButton { objectName: "printTestPage"; text: qsTr("Print test page"); primary: false; font.pixelSize: Theme.small; onClicked: screen.tech.printTestPage() }
                        BigButton { objectName: "exitKiosk"; text: qsTr("Exit the kiosk"); primary: false; font.pixelSize: Theme.small; onClicked: screen.tech.exitKiosk() }
                    }

                    // Enrolment, for a fresh station.
                    Text { visible: !screen.status.enrolled; text: qsTr("Enrol with the union office's hub"); font.pixelSize: Theme.body; font.bold: true; color: Theme.ink }
                    TextField {
                        id: hubField
                        objectName: "hubField"
                        visible: !screen.status.enrolled
                        placeholderText: "https://hub.union.example"
                        font.pixelSize: Theme.small
                        implicitHeight: Theme.touch - 16
                        Layout.fillWidth: true
                        inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
                    }
                    RowLayout {
                        visible: !screen.status.enrolled
                        Layout.fillWidth: true
                        TextField {
                            id: codeField
                            objectName: "codeField"
                            placeholderText: qsTr("One-time code")
                            font.pixelSize: Theme.small
                            implicitHeight: Theme.touch - 16
                            Layout.fillWidth: true
                            inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
                        }
                        BigButton { objectName: "enrolButton"; text: qsTr("Enrol"); font.pixelSize: Theme.small; onClicked: screen.tech.enrol(hubField.text, codeField.text) }
                    }

                    // Sync by USB stick where there is no network.
                    Text { text: qsTr("Sync by USB stick"); font.pixelSize: Theme.body; font.bold: true; color: Theme.ink }
                    TextField {
                        id: folderField
                        objectName: "folderField"
                        text: screen.tech.usbFolder
                        font.pixelSize: Theme.small
                        implicitHeight: Theme.touch - 16
                        Layout.fillWidth: true
                        inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
                    }
                    Flow {
                        Layout.fillWidth: true
                        spacing: 12
                        BigButton { objectName: "exportBundle"; text: qsTr("Export bundle"); primary: false; font.pixelSize: Theme.small; onClicked: screen.tech.exportBundle(folderField.text) }
                        BigButton { objectName: "importReply"; text: qsTr("Import the hub's reply"); primary: false; font.pixelSize: Theme.small; onClicked: screen.tech.importReply(folderField.text) }
                    }
                }

                // Settings: the name to the station's database, the rest to kiosk.toml.
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop
                    spacing: 10
                    Text { text: qsTr("Settings"); font.pixelSize: Theme.body; font.bold: true; color: Theme.ink }
                    Label { text: qsTr("Station name") }
                    TextField {
                        id: nameField
                        objectName: "stationNameField"
                        text: screen.status.name || ""
                        font.pixelSize: Theme.small
                        Layout.fillWidth: true
                        implicitHeight: Theme.touch - 16
                        maximumLength: 40
                    }
                    Label { text: qsTr("Attendant") }
                    Flow {
                        Layout.fillWidth: true
                        spacing: 10
                        Choice { objectName: "modeAttended"; text: qsTr("Attended"); chosen: screen.mode === "attended"; onClicked: screen.mode = "attended" }
                        Choice { objectName: "modeUnattended"; text: qsTr("Unattended"); chosen: screen.mode === "unattended"; onClicked: screen.mode = "unattended" }
                    }
                    Label { text: qsTr("Language riders see first") }
                    Flow {
                        Layout.fillWidth: true
                        spacing: 10
                        Choice { objectName: "languageZh"; text: "中文"; chosen: screen.language === "zh_CN"; onClicked: screen.language = "zh_CN" }
                        Choice { objectName: "languageEn"; text: "English"; chosen: screen.language === "en"; onClicked: screen.language = "en" }
                    }
                    Label { text: qsTr("Back to the home screen after (seconds idle)") }
                    Flow {
                        Layout.fillWidth: true
                        spacing: 10
                        Repeater {
                            model: screen.idleChoices
                            Choice {
                                required property int modelData
                                objectName: "idle_" + modelData
                                text: modelData
                                chosen: screen.idleTimeout === modelData
                                onClicked: screen.idleTimeout = modelData
                            }
                        }
                    }
                    BigButton {
                        objectName: "saveSettings"
                        text: qsTr("Save settings")
                        onClicked: screen.tech.saveSettings(nameField.text, screen.mode, screen.language, screen.idleTimeout)
                    }
                }
            }
        }
    }
}
