"""The touchscreen app (Qt Quick views in ui/, view-models here)."""

import os

# The on-screen keyboard (with pinyin for Chinese names): Qt reads this when the application starts,
# so it is set on import, before any QGuiApplication exists. A deployment may choose another one.
os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
# Qt Multimedia reports every optional video-acceleration and audio library a station PC lacks, and the
# virtual keyboard's list a harmless override, on every start: noise in the station's log, not faults.
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.symbolsresolver=false;qt.qml.propertyCache.append=false")
