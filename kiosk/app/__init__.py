"""The touchscreen app (Qt Quick views in ui/, view-models here)."""

import os

# The on-screen keyboard (with pinyin for Chinese names): Qt reads this when the application starts,
# so it is set on import, before any QGuiApplication exists. A deployment may choose another one.
os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
