<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BackBar</name>
    <message>
        <location filename="../../ui/screens/BackBar.qml" line="13" />
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
</context>
<context>
    <name>CardScreen</name>
    <message>
        <location filename="../../ui/screens/CardScreen.qml" line="17" />
        <source>Welcome to the union, %1!</source>
        <translation>欢迎加入工会，%1！</translation>
    </message>
    <message>
        <location filename="../../ui/screens/CardScreen.qml" line="17" />
        <source>You are registered, %1!</source>
        <translation>登记成功，%1！</translation>
    </message>
    <message>
        <location filename="../../ui/screens/CardScreen.qml" line="22" />
        <source>This is your membership code. Take a photo of it and show it at any station.</source>
        <translation>这是您的会员码。请拍照保存，在任何驿站出示即可。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/CardScreen.qml" line="41" />
        <source>Check in now</source>
        <translation>现在签到</translation>
    </message>
</context>
<context>
    <name>ConfirmScreen</name>
    <message>
        <location filename="../../ui/screens/ConfirmScreen.qml" line="61" />
        <source>Welcome back, %1! You are already checked in.</source>
        <translation>欢迎回来，%1！您已签到过了。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ConfirmScreen.qml" line="62" />
        <source>Welcome, %1! You are checked in.</source>
        <translation>欢迎您，%1！签到成功。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ConfirmScreen.qml" line="97" />
        <source>You may take this yourself.</source>
        <translation>可自助领取。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ConfirmScreen.qml" line="98" />
        <source>Ask the attendant.</source>
        <translation>请找工作人员领取。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ConfirmScreen.qml" line="95" />
        <source>Handed out at staffed stations only.</source>
        <translation>仅在有工作人员的驿站发放。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ConfirmScreen.qml" line="37" />
        <source>Please take your %1. Stay safe on the road!</source>
        <translation>请取走%1。路上注意安全！</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ConfirmScreen.qml" line="45" />
        <source>That was the last one for now.</source>
        <translation>这一份领完了，下次再来。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ConfirmScreen.qml" line="45" />
        <source>You may have %1 more.</source>
        <translation>您还可以再领 %1 份。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ConfirmScreen.qml" line="67" />
        <source>Nothing is handed out at this station today.</source>
        <translation>本驿站今天没有发放的物品。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ConfirmScreen.qml" line="68" />
        <source>Today's items for you:</source>
        <translation>今天为您准备的物品：</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ConfirmScreen.qml" line="102" />
        <source>Take one</source>
        <translation>领取一份</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ConfirmScreen.qml" line="120" />
        <source>Your membership code</source>
        <translation>您的会员码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ConfirmScreen.qml" line="129" />
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>ConsentScreen</name>
    <message>
        <location filename="../../ui/screens/ConsentScreen.qml" line="14" />
        <source>Before you register</source>
        <translation>登记前请阅读</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ConsentScreen.qml" line="21" />
        <source>The union keeps only what it needs to serve you: your name, occupation and platform, your visits and what you received, and your phone number only as a code that cannot be read back. They are kept on this station and on the union office's server, used to check you in, to hand out benefits fairly and for the union's own figures, and never given to platforms or employers. After two years your visits and what you received are kept only as numbers, no longer linked to you. You may ask the union office for a copy of your data or to have it deleted.</source>
        <translation>工会只保存为您服务所必需的信息：姓名、职业和平台、您的到访和领取记录，手机号经不可逆加密处理后保存，任何人都无法还原。这些信息保存在本驿站和工会办公室的服务器上，仅用于签到、公平发放福利和工会自身统计，绝不提供给平台或用人单位。两年后，您的到访和领取记录只作为统计数字保留，不再与您关联。您可以向工会办公室索取您的数据副本，或要求删除。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ConsentScreen.qml" line="35" />
        <source>No, thanks</source>
        <translation>暂不登记</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ConsentScreen.qml" line="42" />
        <source>I agree</source>
        <translation>我同意</translation>
    </message>
</context>
<context>
    <name>HelpScreen</name>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="42" />
        <source>Ask the union for help</source>
        <translation>向工会求助</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="43" />
        <source>Ask the union for help: what about?</source>
        <translation>向工会求助：遇到了什么问题？</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="43" />
        <source>What happened? (you may skip this)</source>
        <translation>发生了什么？（可以跳过）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="44" />
        <source>Is it urgent?</source>
        <translation>情况紧急吗？</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="44" />
        <source>How should the union reach you?</source>
        <translation>工会怎么联系您？</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="45" />
        <source>Your number, for the call back</source>
        <translation>请输入回电号码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="45" />
        <source>Is this right?</source>
        <translation>请确认</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="50" />
        <source>Your request is with the union</source>
        <translation>您的求助已交给工会</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="66" />
        <source>This station is not linked to the union office, so it cannot take help requests. Please call the union's hotline 12351, or ask at the union office.</source>
        <translation>本驿站尚未接入工会平台，暂不能在此提交求助。请拨打工会服务热线 12351，或到工会办公室咨询。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="70" />
        <location filename="../../ui/screens/HelpScreen.qml" line="317" />
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="95" />
        <source>Your request goes to the union's caseworkers. What you write and your number are sealed on this kiosk: only they can read them.</source>
        <translation>您的求助将交给工会维权工作人员。您填写的内容和电话号码在本机即已加密，只有他们能看到。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="117" />
        <source>For example: which platform, since when, how much</source>
        <translation>例如：哪个平台、从什么时候开始、涉及多少钱</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="125" />
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="125" />
        <location filename="../../ui/screens/HelpScreen.qml" line="205" />
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="143" />
        <source>Pick the characters first.</source>
        <translation>请先选好汉字。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="144" />
        <source>Please keep it to 500 characters.</source>
        <translation>请不超过 500 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="155" />
        <source>Urgent: I need help today</source>
        <translation>紧急：今天就需要帮助</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="163" />
        <source>Not urgent</source>
        <translation>不紧急</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="177" />
        <source>Call me back on my phone</source>
        <translation>请给我回电话</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="185" />
        <source>I will come back to this station</source>
        <translation>我会再来本驿站</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="215" />
        <source>Please enter an 11-digit mobile number starting with 1.</source>
        <translation>请输入以1开头的11位手机号。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="237" />
        <source>About</source>
        <translation>问题类型</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="239" />
        <source>What happened</source>
        <translation>情况说明</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="240" />
        <source>(not written)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="241" />
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="242" />
        <source>Yes, today</source>
        <translation>是，今天就需要</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="242" />
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="243" />
        <source>Reach me</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="246" />
        <source>Call back on %1</source>
        <translation>回电 %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="247" />
        <source>In person, at this station</source>
        <translation>到本驿站当面联系</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="249" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="250" />
        <source>Not given (anonymous)</source>
        <translation>未提供（匿名）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="256" />
        <source>The union's caseworker may have my number to call me back.</source>
        <translation>我同意工会维权工作人员使用我的号码给我回电。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="268" />
        <source>Send my request</source>
        <translation>提交求助</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="278" />
        <source>Your case number:</source>
        <translation>您的求助编号：</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="291" />
        <source>A caseworker will call you, usually within a day.</source>
        <translation>工作人员一般会在一天内给您回电。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="292" />
        <source>Come back to this station, or call the hotline 12351, and give this number.</source>
        <translation>请再来本驿站，或拨打热线 12351，并报上这个编号。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="294" />
        <source>The attendant here has been told it is urgent.</source>
        <translation>已提醒本站工作人员这是紧急求助。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="301" />
        <source>Scan your membership code at any station to see how it is going.</source>
        <translation>在任何驿站扫会员码，都能查看办理进度。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HelpScreen.qml" line="310" />
        <source>Print my case number</source>
        <translation>打印求助编号</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../ui/screens/HomeScreen.qml" line="26" />
        <source>Welcome! Rest, water, charging and help are here.</source>
        <translation>欢迎！这里可以休息、喝水、充电、寻求帮助。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HomeScreen.qml" line="52" />
        <source>Scan your membership code at any time, or tap below.</source>
        <translation>随时扫描会员码，或点击下方按钮。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HomeScreen.qml" line="33" />
        <source>No attendant at this station: take the items marked self-service.</source>
        <translation>本驿站无人值守：请自取标有“自助”的物品。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HomeScreen.qml" line="68" />
        <source>Check in with my phone number</source>
        <translation>用手机号签到</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HomeScreen.qml" line="77" />
        <source>Join / register</source>
        <translation>入会 / 登记</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HomeScreen.qml" line="88" />
        <source>Ask the union for help: wages, accidents, injuries</source>
        <translation>向工会求助：欠薪、事故、工伤等</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HomeScreen.qml" line="113" />
        <source>Or hold your membership code up to the camera.</source>
        <translation>也可以把会员码对准摄像头。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/HomeScreen.qml" line="127" />
        <source>Today at this station</source>
        <translation>本站今日活动</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/HomeScreen.qml" line="150" />
        <source>Today: %n check-in(s)</source>
        <translation><numerusform>今日签到 %n 人次</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/HomeScreen.qml" line="150" />
        <source> by %n rider(s)</source>
        <translation><numerusform>，共 %n 人</numerusform></translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../ui/components/Keypad.qml" line="12" />
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../kiosk/app/messages.py" line="108" />
        <source>Rest</source>
        <translation>休息</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="108" />
        <source>Drink water</source>
        <translation>喝水</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="108" />
        <source>Charge my phone</source>
        <translation>手机充电</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="109" />
        <source>Heat a meal</source>
        <translation>热饭</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="109" />
        <source>Restroom</source>
        <translation>如厕</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="110" />
        <source>Rights and legal help</source>
        <translation>维权与法律帮助</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="110" />
        <source>An activity or training</source>
        <translation>参加活动或培训</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="114" />
        <source>Delivery rider</source>
        <translation>外卖骑手</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="114" />
        <source>Courier</source>
        <translation>快递员</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="115" />
        <source>Ride-hailing driver</source>
        <translation>网约车司机</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="115" />
        <source>Truck driver</source>
        <translation>货车司机</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="116" />
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="122" />
        <source>Meituan</source>
        <translation>美团</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="122" />
        <source>Ele.me</source>
        <translation>饿了么</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="122" />
        <source>SF Express</source>
        <translation>顺丰</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="123" />
        <source>JD Logistics</source>
        <translation>京东</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="123" />
        <source>DiDi</source>
        <translation>滴滴出行</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="123" />
        <source>Lalamove</source>
        <translation>货拉拉</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="124" />
        <source>Shansong</source>
        <translation>闪送</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="135" />
        <source>received, waiting for a caseworker</source>
        <translation>已收到，等待工作人员处理</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="135" />
        <source>contacted</source>
        <translation>已联系</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="136" />
        <source>being handled</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="137" />
        <source>passed to legal aid</source>
        <translation>已转法律援助</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="138" />
        <source>passed to the labour inspectors</source>
        <translation>已转劳动监察</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="139" />
        <source>taken up with the platform</source>
        <translation>已与平台协调</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="139" />
        <source>resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="140" />
        <source>closed</source>
        <translation>已结案</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../ui/Main.qml" line="29" />
        <source>Station Kiosk</source>
        <translation>工会驿站自助终端</translation>
    </message>
    <message>
        <location filename="../../ui/Main.qml" line="139" />
        <source>Not linked to the union office</source>
        <translation>未接入工会平台</translation>
    </message>
    <message>
        <location filename="../../ui/Main.qml" line="140" />
        <source>Synced</source>
        <translation>已同步</translation>
    </message>
    <message>
        <location filename="../../ui/Main.qml" line="140" />
        <source>Sync pending</source>
        <translation>待同步</translation>
    </message>
    <message>
        <location filename="../../ui/Main.qml" line="202" />
        <source>Are you still there?</source>
        <translation>还在吗？</translation>
    </message>
    <message>
        <location filename="../../ui/Main.qml" line="205" />
        <source>Going back to the start in %1 s.</source>
        <translation>%1 秒后回到首页。</translation>
    </message>
    <message>
        <location filename="../../ui/Main.qml" line="213" />
        <source>I'm still here</source>
        <translation>我还在</translation>
    </message>
</context>
<context>
    <name>OutOfService</name>
    <message>
        <location filename="../../ui/OutOfService.qml" line="16" />
        <source>Station Kiosk</source>
        <translation>工会驿站自助终端</translation>
    </message>
    <message>
        <location filename="../../ui/OutOfService.qml" line="25" />
        <source>Sorry, this kiosk is out of service.</source>
        <translation>抱歉，本终端暂停服务。</translation>
    </message>
    <message>
        <location filename="../../ui/OutOfService.qml" line="29" />
        <source>Its records cannot be read, so nothing can be recorded here until a technician repairs it. Please ask at the union office or visit the next station.</source>
        <translation>终端的记录无法读取，在技术人员修复之前无法登记。请到工会办公室咨询，或前往附近的其他驿站。</translation>
    </message>
    <message>
        <location filename="../../ui/OutOfService.qml" line="40" />
        <source>Technician: run 'kiosk doctor', then 'kiosk repair' to set the damaged file aside, then enrol the station again.</source>
        <translation>技术人员：先运行 'kiosk doctor'，再运行 'kiosk repair' 将损坏的文件移到一旁，然后重新接入本驿站。</translation>
    </message>
</context>
<context>
    <name>PhoneScreen</name>
    <message>
        <location filename="../../ui/screens/PhoneScreen.qml" line="15" />
        <source>Enter your phone number</source>
        <translation>请输入手机号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/PhoneScreen.qml" line="23" />
        <source>Check in</source>
        <translation>签到</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <location filename="../../ui/screens/PinScreen.qml" line="21" />
        <location filename="../../ui/screens/PinScreen.qml" line="33" />
        <source>Technician</source>
        <translation>技术人员</translation>
    </message>
    <message>
        <location filename="../../ui/screens/PinScreen.qml" line="21" />
        <location filename="../../ui/screens/PinScreen.qml" line="26" />
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location filename="../../ui/screens/PinScreen.qml" line="41" />
        <source>Enter your own PIN.</source>
        <translation>请输入您本人的密码。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/PinScreen.qml" line="51" />
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/PinScreen.qml" line="57" />
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
</context>
<context>
    <name>PurposeScreen</name>
    <message>
        <location filename="../../ui/screens/PurposeScreen.qml" line="16" />
        <source>Hello, %1! What brings you here?</source>
        <translation>您好，%1！今天需要什么服务？</translation>
    </message>
    <message>
        <location filename="../../ui/screens/PurposeScreen.qml" line="33" />
        <source>Your help request %1 (%2): %3</source>
        <translation>您的求助 %1（%2）：%3</translation>
    </message>
    <message>
        <location filename="../../ui/screens/PurposeScreen.qml" line="49" />
        <source>Sign-up %1: %2</source>
        <translation>报名 %1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/PurposeScreen.qml" line="69" />
        <source>Sign in: %1</source>
        <translation>签到：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/PurposeScreen.qml" line="81" />
        <source>Sign up: %1</source>
        <translation>我要报名：%1</translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message>
        <location filename="../../kiosk/app/messages.py" line="23" />
        <source>This code could not be read. Try again, or enter your phone number.</source>
        <translation>无法识别此码。请重试，或输入手机号。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="24" />
        <source>This code is from a station this kiosk does not know. Please enter your phone number.</source>
        <translation>此码来自本机不认识的驿站。请输入手机号。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="26" />
        <source>This code is not genuine. Please ask the attendant.</source>
        <translation>此码不是真实有效的会员码。请咨询工作人员。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="27" />
        <source>Your code has expired. Please ask the attendant for a new one.</source>
        <translation>您的会员码已过期。请找工作人员换新码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="28" />
        <source>This card was reported lost. Please use your new code.</source>
        <translation>此卡已挂失。请使用您的新会员码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="29" />
        <source>This code is not valid yet. Please ask the attendant.</source>
        <translation>此码尚未生效。请咨询工作人员。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="30" />
        <source>This is a voucher, not a membership code: keep it for the service it is for. To check in, scan your membership code or enter your phone number.</source>
        <translation>这是兑换券，不是会员码，请留好用于对应的服务。签到请扫描会员码或输入手机号。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="32" />
        <source>This code cannot be used. Please ask the attendant.</source>
        <translation>此码无法使用。请咨询工作人员。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="35" />
        <source>Please enter an 11-digit mobile number starting with 1.</source>
        <translation>请输入以1开头的11位手机号。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="36" />
        <source>Please enter your name (up to 20 characters).</source>
        <translation>请输入您的姓名（最多20个字）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="37" />
        <source>A PIN is 6 to 8 digits.</source>
        <translation>密码为6到8位数字。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="38" />
        <source>The station name must be 1 to 40 characters.</source>
        <translation>驿站名称须为1至40个字。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="39" />
        <source>That setting is not allowed here.</source>
        <translation>此设置不允许。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="40" />
        <source>The hub address must start with http:// or https://.</source>
        <translation>服务器地址须以 http:// 或 https:// 开头。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="41" />
        <source>This station already has its own records: only a fresh station can be enrolled (see 'kiosk repair').</source>
        <translation>本驿站已有自己的记录：只有全新的驿站才能接入（见 'kiosk repair'）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="43" />
        <source>That folder cannot be found. Is the USB stick in?</source>
        <translation>找不到该文件夹。U盘插好了吗？</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="44" />
        <source>There is no reply from the union office (*.reply) in that folder.</source>
        <translation>该文件夹中没有工会办公室的回执文件（*.reply）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="45" />
        <source>Please choose what you need help with.</source>
        <translation>请选择需要帮助的问题类型。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="46" />
        <source>This ID card number is not valid. Please check it.</source>
        <translation>身份证号码不正确，请检查。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="47" />
        <source>Please check your answers: one is missing or not valid.</source>
        <translation>请检查填写的内容：有一项未填或不正确。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="48" />
        <source>Please choose a session.</source>
        <translation>请选择班次。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="49" />
        <source>Please keep it to 500 characters.</source>
        <translation>请不超过 500 个字。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="50" />
        <source>To be called back, agree that the union's caseworker may have your number.</source>
        <translation>如需回电，请同意工会维权工作人员使用您的号码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="51" />
        <source>This station is not linked to the union office, so it cannot take help requests. Please call the union's hotline 12351.</source>
        <translation>本驿站尚未接入工会平台，暂不能在此提交求助。请拨打工会服务热线 12351。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="53" />
        <source>Please check what you entered and try again.</source>
        <translation>请检查输入内容后重试。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="56" />
        <source>Only %1 more can be handed out now.</source>
        <translation>目前最多还能领取%1份。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="58" />
        <source>You have had your share. Available again on %1.</source>
        <translation>您已领取过了。%1起可再次领取。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="59" />
        <source>You have had your share for this campaign.</source>
        <translation>本次活动您已领满。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="61" />
        <source>This is handed out from %1 to %2. Please come back then.</source>
        <translation>发放时间为%1至%2，请届时再来。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="64" />
        <source>This campaign runs from %1 to %2.</source>
        <translation>本活动时间为%1至%2。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="68" />
        <source>This is for union members. Join the union at the desk to receive it.</source>
        <translation>此项仅限工会会员。请到服务台入会后领取。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="69" />
        <source>This is for other occupations. Please ask the attendant.</source>
        <translation>此项面向其他职业群体。请咨询工作人员。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/app/messages.py" line="71" />
        <source>Wrong PIN. %n try(s) left.</source>
        <translation><numerusform>密码错误，还可尝试%n次。</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/app/messages.py" line="73" />
        <source>Too many wrong PINs. Please wait %n second(s).</source>
        <translation><numerusform>密码错误次数过多，请等待%n秒后再试。</numerusform></translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="76" />
        <source>The kiosk's storage is full: nothing was saved. Please call the technician.</source>
        <translation>终端存储已满，本次未保存。请联系技术人员。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="77" />
        <source>The kiosk's database has a problem: nothing was saved. Please call the technician.</source>
        <translation>终端数据库出现问题，本次未保存。请联系技术人员。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="79" />
        <source>No receipt printer is set up at this station.</source>
        <translation>本驿站未设置小票打印机。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="81" />
        <source>We could not find you. Please register, or ask the attendant.</source>
        <translation>没有找到您的信息。请先登记，或咨询工作人员。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="82" />
        <source>Your membership is not active. Please ask the attendant.</source>
        <translation>您的会员资格未生效。请咨询工作人员。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="83" />
        <source>This phone number is already registered. Please check in instead.</source>
        <translation>该手机号已登记，请直接签到。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="84" />
        <source>Please agree to the privacy notice to register.</source>
        <translation>请先同意隐私说明再登记。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="85" />
        <source>This item is not available here.</source>
        <translation>本站没有此项物品。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="86" />
        <source>Please ask the attendant for this item.</source>
        <translation>此项请找工作人员领取。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="87" />
        <source>Sorry, this is out of stock here. Please ask the attendant.</source>
        <translation>抱歉，本站此物品已发完。请咨询工作人员。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="88" />
        <source>That handout was not found.</source>
        <translation>没有找到这条发放记录。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="89" />
        <source>That handout was already voided.</source>
        <translation>这条发放记录已作废。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="90" />
        <source>That activity was not found.</source>
        <translation>没有找到该活动。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="91" />
        <source>This activity is not open for sign-in now.</source>
        <translation>该活动现在不能签到。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="92" />
        <source>This sign-up is closed.</source>
        <translation>该报名已截止。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="93" />
        <source>Sorry, this is full here, with no waiting list.</source>
        <translation>抱歉，本站名额已满，且不设候补。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="94" />
        <source>You have already signed up for this.</source>
        <translation>您已经报过名了。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="95" />
        <source>Please sign in as an attendant first.</source>
        <translation>请先以工作人员身份登录。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="96" />
        <source>Only a technician may open this.</source>
        <translation>只有技术人员可以打开。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="97" />
        <source>The receipt printer did not print. Check the paper and the cable, then try again.</source>
        <translation>打印机没有打印。请检查纸张和连接线，然后重试。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="99" />
        <source>Sync failed: %1</source>
        <translation>同步失败：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/messages.py" line="101" />
        <source>Sorry, that did not work. Please ask the attendant.</source>
        <translation>抱歉，操作未成功。请咨询工作人员。</translation>
    </message>
</context>
<context>
    <name>RegisterScreen</name>
    <message>
        <location filename="../../ui/screens/RegisterScreen.qml" line="32" />
        <source>Register: your mobile number</source>
        <translation>登记：手机号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/RegisterScreen.qml" line="32" />
        <source>Register: your name</source>
        <translation>登记：姓名</translation>
    </message>
    <message>
        <location filename="../../ui/screens/RegisterScreen.qml" line="33" />
        <source>Register: your work</source>
        <translation>登记：工作信息</translation>
    </message>
    <message>
        <location filename="../../ui/screens/RegisterScreen.qml" line="33" />
        <source>Register: is this right?</source>
        <translation>登记：请核对</translation>
    </message>
    <message>
        <location filename="../../ui/screens/RegisterScreen.qml" line="51" />
        <location filename="../../ui/screens/RegisterScreen.qml" line="103" />
        <location filename="../../ui/screens/RegisterScreen.qml" line="165" />
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../ui/screens/RegisterScreen.qml" line="59" />
        <source>This number is already registered, to %1.</source>
        <translation>这个手机号已经登记过了，登记人：%1。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/RegisterScreen.qml" line="71" />
        <source>Use another number</source>
        <translation>换一个号码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/RegisterScreen.qml" line="78" />
        <source>Check in as %1</source>
        <translation>以%1的身份签到</translation>
    </message>
    <message>
        <location filename="../../ui/screens/RegisterScreen.qml" line="99" />
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <location filename="../../ui/screens/RegisterScreen.qml" line="113" />
        <source>Pick the characters for your name first.</source>
        <translation>请先在候选字中选好您的名字。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/RegisterScreen.qml" line="123" />
        <source>Your work</source>
        <translation>您的职业</translation>
    </message>
    <message>
        <location filename="../../ui/screens/RegisterScreen.qml" line="139" />
        <source>Your platform or company (if any)</source>
        <translation>所在平台或公司（如有）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/RegisterScreen.qml" line="158" />
        <source>I am (or want to become) a union member</source>
        <translation>我是（或愿意成为）工会会员</translation>
    </message>
    <message>
        <location filename="../../ui/screens/RegisterScreen.qml" line="183" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/screens/RegisterScreen.qml" line="185" />
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/RegisterScreen.qml" line="187" />
        <source>Work</source>
        <translation>工作</translation>
    </message>
    <message>
        <location filename="../../ui/screens/RegisterScreen.qml" line="193" />
        <source>Union</source>
        <translation>工会</translation>
    </message>
    <message>
        <location filename="../../ui/screens/RegisterScreen.qml" line="194" />
        <source>I am (or want to become) a member</source>
        <translation>是（或愿意成为）会员</translation>
    </message>
    <message>
        <location filename="../../ui/screens/RegisterScreen.qml" line="194" />
        <source>Not a member</source>
        <translation>暂不入会</translation>
    </message>
    <message>
        <location filename="../../ui/screens/RegisterScreen.qml" line="198" />
        <source>Register and get my code</source>
        <translation>登记并领取会员码</translation>
    </message>
</context>
<context>
    <name>RiderModel</name>
    <message>
        <location filename="../../kiosk/app/rider.py" line="163" />
        <source>you have a place</source>
        <translation>已录取</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/rider.py" line="163" />
        <source>on the waiting list</source>
        <translation>候补中</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/rider.py" line="164" />
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/rider.py" line="318" />
        <source>Signed in: %1</source>
        <translation>已签到：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/rider.py" line="327" />
        <source>Help request</source>
        <translation>求助回执</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/rider.py" line="328" />
        <source>Union hotline: 12351</source>
        <translation>工会服务热线：12351</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/rider.py" line="337" />
        <source>You have a place!</source>
        <translation>报名成功，已为您留位！</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/rider.py" line="337" />
        <source>You are on the waiting list.</source>
        <translation>您已进入候补名单。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/rider.py" line="338" />
        <source>Sign-up %1</source>
        <translation>报名号 %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/rider.py" line="339" />
        <source>Where: %1</source>
        <translation>地点：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/rider.py" line="340" />
        <source>Please bring: %1</source>
        <translation>请携带：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/rider.py" line="349" />
        <source>Printed. Keep the slip.</source>
        <translation>已打印，请保管好回执。</translation>
    </message>
</context>
<context>
    <name>SetUp</name>
    <message>
        <location filename="../../ui/SetUp.qml" line="17" />
        <source>Station Kiosk</source>
        <translation>工会驿站自助终端</translation>
    </message>
    <message>
        <location filename="../../ui/SetUp.qml" line="32" />
        <source>This station is not set up yet.</source>
        <translation>本驿站终端还没有设置。</translation>
    </message>
    <message>
        <location filename="../../ui/SetUp.qml" line="36" />
        <source>Riders: it cannot check anyone in until the union office's technician sets it up. Please visit the next station.</source>
        <translation>骑手朋友：技术人员设置完成前，这里暂时无法签到，请前往附近其他驿站。</translation>
    </message>
    <message>
        <location filename="../../ui/SetUp.qml" line="41" />
        <source>Technician: type the hub's address and the enrolment code from the union office's console (or scan its code into the field).</source>
        <translation>技术人员：请输入工会平台地址和平台上生成的接入码（也可将接入码扫入输入框）。</translation>
    </message>
    <message>
        <location filename="../../ui/SetUp.qml" line="59" />
        <source>One-time code</source>
        <translation>一次性接入码</translation>
    </message>
    <message>
        <location filename="../../ui/SetUp.qml" line="68" />
        <source>Enrolling…</source>
        <translation>正在接入…</translation>
    </message>
    <message>
        <location filename="../../ui/SetUp.qml" line="68" />
        <source>Enrol</source>
        <translation>接入</translation>
    </message>
</context>
<context>
    <name>SignupScreen</name>
    <message>
        <location filename="../../ui/screens/SignupScreen.qml" line="44" />
        <source>Sign up: which one?</source>
        <translation>报名：选择项目</translation>
    </message>
    <message>
        <location filename="../../ui/screens/SignupScreen.qml" line="44" />
        <source>Which session?</source>
        <translation>选择班次</translation>
    </message>
    <message>
        <location filename="../../ui/screens/SignupScreen.qml" line="45" />
        <source>Is this right?</source>
        <translation>请确认</translation>
    </message>
    <message>
        <location filename="../../ui/screens/SignupScreen.qml" line="119" />
        <source> (optional)</source>
        <translation>（选填）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/SignupScreen.qml" line="170" />
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <location filename="../../ui/screens/SignupScreen.qml" line="95" />
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../ui/screens/SignupScreen.qml" line="188" />
        <source>Sign-up</source>
        <translation>报名项目</translation>
    </message>
    <message>
        <location filename="../../ui/screens/SignupScreen.qml" line="208" />
        <source>Sign me up</source>
        <translation>确认报名</translation>
    </message>
    <message>
        <location filename="../../ui/screens/SignupScreen.qml" line="222" />
        <source>You have a place!</source>
        <translation>报名成功，已为您留位！</translation>
    </message>
    <message>
        <location filename="../../ui/screens/SignupScreen.qml" line="222" />
        <source>You are on the waiting list.</source>
        <translation>您已进入候补名单。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/SignupScreen.qml" line="238" />
        <source>Where: %1</source>
        <translation>地点：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/SignupScreen.qml" line="246" />
        <source>Please bring: %1</source>
        <translation>请携带：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/SignupScreen.qml" line="254" />
        <source>The union office confirms every place; scan your code at any station to see it.</source>
        <translation>名额以工会最终确认为准；在任何驿站扫会员码都能查看。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/SignupScreen.qml" line="255" />
        <source>If a place comes free the union office gives it to you: scan your code at any station to see.</source>
        <translation>如有空出的名额，工会将按顺序安排；在任何驿站扫会员码都能查看。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/SignupScreen.qml" line="264" />
        <source>Print my slip</source>
        <translation>打印报名凭条</translation>
    </message>
    <message>
        <location filename="../../ui/screens/SignupScreen.qml" line="271" />
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>StaffModel</name>
    <message>
        <location filename="../../kiosk/app/staff.py" line="196" />
        <source>Handed out. Voucher code: %1</source>
        <translation>已发放。券码：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/staff.py" line="192" />
        <source>Handed out.</source>
        <translation>已发放。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/staff.py" line="222" />
        <source>Voided; the allowance is back and the voucher code is retired.</source>
        <translation>已作废；领取额度已恢复，兑换码已作废不再发放。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/staff.py" line="223" />
        <source>Voided; the stock and the allowance are back.</source>
        <translation>已作废，库存和领取额度已恢复。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/staff.py" line="232" />
        <source>The lost card is cancelled; here is the new code.</source>
        <translation>挂失成功，这是新的会员码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/staff.py" line="246" />
        <source>The card was printed.</source>
        <translation>会员卡已打印。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/staff.py" line="258" />
        <source>Stock received.</source>
        <translation>已入库。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/staff.py" line="265" />
        <source>Count recorded.</source>
        <translation>盘点已记录。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/staff.py" line="271" />
        <source>Activity open for sign-in: %1</source>
        <translation>活动已开放签到：%1</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="37" />
        <source>Attendant: %1</source>
        <translation>工作人员：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="77" />
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="72" />
        <source>Rider</source>
        <translation>骑手</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="73" />
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="74" />
        <source>Activity</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="75" />
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="92" />
        <source>Scan the rider's code, or type the phone number:</source>
        <translation>扫描骑手会员码，或输入手机号：</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="96" />
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="115" />
        <source>No rider yet</source>
        <translation>尚未选择骑手</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="151" />
        <source>Hand out</source>
        <translation>发放</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="157" />
        <source>Recent handouts</source>
        <translation>最近发放</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="171" />
        <source>(voided)</source>
        <translation>（已作废）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="199" />
        <source>Wrong item</source>
        <translation>发错物品</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="199" />
        <source>Wrong rider</source>
        <translation>发错人</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="199" />
        <source>Item returned</source>
        <translation>物品已退回</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="178" />
        <source>Void</source>
        <translation>作废</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="58" />
        <source>Urgent help request %1: %2</source>
        <translation>紧急求助 %1：%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/StaffScreen.qml" line="59" />
        <source> (+%n more)</source>
        <translation><numerusform>（另有 %n 条）</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="130" />
        <source>Voucher code for %1 — give it to the rider:</source>
        <translation>%1兑换码（请交给骑手）：</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="188" />
        <source>Void this handout? The rider gets the allowance back; the voucher code is retired unless its card is back in your hand.</source>
        <translation>作废这次发放？骑手的领取次数会退回；兑换卡不在您手上时，兑换码将作废不再使用。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="189" />
        <source>Void this handout? The item goes back into stock and the rider gets the allowance back.</source>
        <translation>作废这次发放？物品退回库存，骑手的领取次数也会退回。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="198" />
        <source>Why void it?</source>
        <translation>作废原因？</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="204" />
        <source>The card is back in my hand</source>
        <translation>卡已收回到我手中</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="216" />
        <location filename="../../ui/screens/StaffScreen.qml" line="252" />
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="223" />
        <source>Yes, void it</source>
        <translation>确认作废</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="237" />
        <source>Show code</source>
        <translation>显示会员码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="238" />
        <source>Print card</source>
        <translation>打印会员卡</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="239" />
        <source>Card lost: new code</source>
        <translation>挂失并换新码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="246" />
        <source>Every code this rider has stops working. Go on?</source>
        <translation>该骑手现有的所有会员码都将失效，确定继续吗？</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="253" />
        <source>Yes, new code</source>
        <translation>确定换新码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="292" />
        <source>Received</source>
        <translation>入库</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="293" />
        <source>Counted</source>
        <translation>盘点</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="311" />
        <source>Delivery of %1: how many came?</source>
        <translation>%1 入库：到了多少？</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="311" />
        <source>Count of %1: how many are there?</source>
        <translation>%1 盘点：现有多少？</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="326" />
        <source>Stock %1 → %2 (%3)</source>
        <translation>库存 %1 → %2（%3）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="337" />
        <source>Why is there less?</source>
        <translation>为什么少了？</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="340" />
        <source>Damaged or past its date</source>
        <translation>已损坏或过期</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="341" />
        <source>Handed out without being recorded</source>
        <translation>发放时未登记</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="342" />
        <source>Lost or taken</source>
        <translation>丢失或被拿走</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="343" />
        <source>The last figure was wrong</source>
        <translation>上次的数字有误</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="348" />
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="351" />
        <source>Yes, record it</source>
        <translation>确认记录</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="371" />
        <source>Open an activity (a training, a talk) for riders to sign in to:</source>
        <translation>开放一项活动（培训、讲座）供骑手签到：</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="372" />
        <source>Title</source>
        <translation>活动名称</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="373" />
        <source>Open for sign-in</source>
        <translation>开放签到</translation>
    </message>
    <message>
        <location filename="../../ui/screens/StaffScreen.qml" line="380" />
        <source>Check-ins: %1, riders: %2, registrations: %3</source>
        <translation>签到：%1人次，骑手：%2人，新登记：%3人</translation>
    </message>
</context>
<context>
    <name>TechModel</name>
    <message>
        <location filename="../../kiosk/app/tech.py" line="60" />
        <source>The kiosk's database has a problem: nothing was saved. Please call the technician.</source>
        <translation>终端数据库出现问题，本次未保存。请联系技术人员。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/tech.py" line="119" />
        <source>This station is not enrolled with a hub.</source>
        <translation>本站尚未接入工会服务器。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/tech.py" line="140" />
        <source>The settings were not saved: %1</source>
        <translation>设置未保存：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/tech.py" line="144" />
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/tech.py" line="152" />
        <source>The test page was printed.</source>
        <translation>测试页已打印。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/app/tech.py" line="161" />
        <source>Read %n character(s).</source>
        <translation><numerusform>读到 %n 个字符。</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/app/tech.py" line="196" />
        <source>Wrote %n event(s) to %1: take it to the union office.</source>
        <translation><numerusform>已将 %n 条记录写入 %1，请带到工会办公室。</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/app/tech.py" line="211" />
        <source>The hub has this station's events up to %1; %n change(s) applied.</source>
        <translation><numerusform>服务器已收到本驿站第 %1 条及之前的记录；已更新 %n 项。</numerusform></translation>
    </message>
    <message>
        <location filename="../../kiosk/app/tech.py" line="163" />
        <source>A valid code for member %1.</source>
        <translation>有效会员码：%1。</translation>
    </message>
    <message>
        <location filename="../../kiosk/app/tech.py" line="175" />
        <source>Enrolled: this station now syncs with the union office.</source>
        <translation>已接入：本驿站现在与工会办公室同步。</translation>
    </message>
</context>
<context>
    <name>TechScreen</name>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="44" />
        <source>Technician</source>
        <translation>技术人员</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="45" />
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="64" />
        <source>Station</source>
        <translation>驿站</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="66" />
        <source>Hub</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="67" />
        <source>not enrolled</source>
        <translation>未接入</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="68" />
        <source>Events not yet at the hub</source>
        <translation>待上传记录</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="70" />
        <source>Last sync</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="71" />
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="72" />
        <source>Last error</source>
        <translation>上次错误</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="73" />
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="74" />
        <source>Clock offset to the hub</source>
        <translation>与服务器时差</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="76" />
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="77" />
        <source>not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="77" />
        <source>No problems found</source>
        <translation>未发现问题</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="78" />
        <source>Free disk</source>
        <translation>剩余空间</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="80" />
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="81" />
        <source>none found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="83" />
        <source>To test the scanner or the camera, scan a code now.</source>
        <translation>测试扫码枪或摄像头：现在扫一个码。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="94" />
        <source>Enrol with the union office's hub</source>
        <translation>接入工会办公室服务器</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="111" />
        <source>One-time code</source>
        <translation>一次性接入码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="117" />
        <source>Enrol</source>
        <translation>接入</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="121" />
        <source>Sync by USB stick</source>
        <translation>用U盘同步</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="134" />
        <source>Export bundle</source>
        <translation>导出数据包</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="135" />
        <source>Import the hub's reply</source>
        <translation>导入服务器回执</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="145" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="146" />
        <source>Station name</source>
        <translation>驿站名称</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="156" />
        <source>Attendant</source>
        <translation>值守方式</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="163" />
        <source>Language riders see first</source>
        <translation>默认语言</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="170" />
        <source>Back to the home screen after (seconds idle)</source>
        <translation>无操作多少秒后返回首页</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="187" />
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="160" />
        <source>Attended</source>
        <translation>有人值守</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="161" />
        <source>Unattended</source>
        <translation>无人值守</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="87" />
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="88" />
        <source>Check database</source>
        <translation>检查数据库</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="89" />
        <source>Print test page</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <location filename="../../ui/screens/TechScreen.qml" line="90" />
        <source>Exit the kiosk</source>
        <translation>退出终端</translation>
    </message>
</context>
<context>
    <name>self.refusals</name>
    <message>
        <location filename="../../kiosk/app/staff.py" line="171" />
        <source>Please identify the rider first.</source>
        <translation>请先确认骑手身份。</translation>
    </message>
</context>
</TS>