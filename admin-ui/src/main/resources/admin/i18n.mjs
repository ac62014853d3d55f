// Every string of the page, one table per language: Chinese first, English second.
export const MESSAGES = {
  'zh-CN': {
    'app.title': 'Branchline 管理',
    'lang.switch': 'English',
    'login.title': '登录',
    'login.name': '账号',
    'login.password': '密码',
    'login.submit': '登录',
    'login.wrong': '账号或密码错误（一次性密码过期请找安装员重置）',
    'login.locked': '失败次数过多，请 {s} 秒后再试',
    'password.title': '设置新密码',
    'password.intro': '这是一次性密码，请先设置自己的密码（至少 8 个字符，可以是一句话）。',
    'password.current': '当前密码',
    'password.new': '新密码',
    'password.repeat': '再输入一次',
    'password.mismatch': '两次输入的密码不一致',
    'password.submit': '保存密码',
    'nav.dashboard': '总览',
    'nav.calls': '通话记录',
    'nav.users': '账号与角色',
    'nav.audit': '操作日志',
    'nav.logout': '退出',
    'role.installer': '安装员', 'role.admin': '管理员', 'role.supervisor': '主管', 'role.agent': '坐席',
    'dash.lines': '线路', 'dash.calls': '正在通话', 'dash.agents': '坐席', 'dash.sync': 'CRM 同步',
    'dash.noCalls': '当前没有通话',
    'line.id': '线路', 'line.state': '状态', 'line.signal': '信号', 'line.operator': '运营商', 'line.number': '号码',
    'state.up': '正常', 'state.down': '断开', 'state.PIN needed': '需要 PIN',
    'seat.idle': '示闲', 'seat.busy': '示忙', 'seat.break': '小休中',
    'sync.endpoint': '服务器', 'sync.backlog': '待发送', 'sync.lastSuccess': '最近成功',
    'call.test': '测试呼叫', 'call.agent': '工号', 'call.number': '号码', 'call.dial': '拨打', 'call.hangup': '挂断',
    'call.placed': '已发起呼叫',
    'calls.search': '查询', 'calls.from': '开始日期', 'calls.to': '结束日期', 'calls.result': '结果',
    'calls.any': '全部', 'calls.connected': '接通', 'calls.notConnected': '未接通',
    'calls.started': '时间', 'calls.agent': '坐席', 'calls.line': '线路', 'calls.number': '客户号码',
    'calls.talk': '通话时长', 'calls.end': '结束原因', 'calls.play': '播放', 'calls.redial': '回拨',
    'calls.export': '导出 CSV', 'calls.none': '没有符合条件的通话', 'calls.more': '下一页',
    'users.add': '新增账号', 'users.name': '账号', 'users.role': '角色', 'users.agent': '工号',
    'users.team': '下属坐席（逗号分隔）', 'users.masked': '隐号', 'users.password': '密码',
    'users.oneTime': '一次性密码（{h} 小时内有效，首次登录须修改）：', 'users.set': '已设置',
    'users.reset': '重置密码', 'users.remove': '删除', 'users.confirmRemove': '确定删除账号 {n}？',
    'audit.at': '时间', 'audit.who': '操作人', 'audit.from': '来源', 'audit.request': '请求', 'audit.status': '结果',
    'audit.what': '内容', 'audit.more': '更早的记录',
    'nav.sims': '线路与 SIM', 'nav.guard': '电销卫士', 'nav.prompts': '开场白', 'nav.sync': 'CRM 同步',
    'sims.line': '线路', 'sims.slot': '卡槽', 'sims.number': '本机号码', 'sims.prefix': '前缀',
    'sims.today': '今日呼叫', 'sims.window': '窗口内', 'sims.rotation': '轮换', 'sims.warnings': '高频呼叫预警',
    'sims.noWarnings': '没有预警',
    'guard.settings': '开关', 'guard.enabled': '电销卫士开启', 'guard.approval': '强拨三次后需审批',
    'guard.blacklist': '黑名单', 'guard.risk': '风险号码', 'guard.number': '号码', 'guard.reason': '原因',
    'guard.add': '添加', 'guard.remove': '移除', 'guard.approve': '审批放行', 'guard.approved': '已审批',
    'guard.addedAt': '加入时间', 'guard.source': '来源', 'guard.empty': '（空）',
    'prompts.list': '开场白', 'prompts.upload': '上传（MP3/WAV，≤ {s} 秒，最多 {n} 条）', 'prompts.name': '名称',
    'prompts.file': '文件', 'prompts.send': '上传', 'prompts.record': '录音', 'prompts.stop': '停止录音',
    'prompts.recorded': '已录好，点上传保存', 'prompts.noMic': '无法使用麦克风（局域网访问需要 HTTPS）',
    'system.logs': '下载日志', 'system.backup': '下载备份', 'system.restart': '重启设备',
    'system.confirmRestart': '确定重启？正在进行的通话会结束。', 'system.restarting': '正在重启，几秒后刷新页面', 'prompts.length': '时长', 'prompts.play': '试听', 'prompts.delete': '删除',
    'prompts.choose': '设为开场白', 'prompts.forAgent': '坐席', 'prompts.none': '不使用', 'prompts.choices': '当前选择',
    'prompts.agentScope': '坐席', 'prompts.lineScope': '线路',
    'sync.use': '切换到', 'sync.private': '私有服务器', 'sync.public': '公有服务器', 'sync.oldest': '最早未发送',
    'sync.sent': '已发送', 'sync.lastError': '最近错误', 'sync.lastSwitch': '最近切换',
    'nav.figures': '销售简报', 'nav.system': '系统', 'call.takeover': '接管',
    'figures.by': '统计', 'figures.byAgent': '按坐席', 'figures.bySim': '按 SIM', 'figures.calls': '呼出',
    'figures.rate': '接通率', 'figures.talk': '总通话', 'figures.average': '平均通话', 'figures.chart': '每小时呼叫与接通',
    'system.version': '版本', 'system.mode': '模式', 'system.simulate': '模拟', 'system.hardware': '硬件',
    'system.lines': '线路数', 'system.recordings': '录音占用', 'system.notUploaded': '未上传',
    'yes': '是', 'no': '否', 'error.network': '无法连接设备，请检查网络', 'error.forbidden': '没有权限',
  },
  en: {
    'app.title': 'Branchline admin',
    'lang.switch': '中文',
    'login.title': 'Sign in',
    'login.name': 'Account',
    'login.password': 'Password',
    'login.submit': 'Sign in',
    'login.wrong': 'Wrong account or password (an expired one-time password: ask the installer for a new one)',
    'login.locked': 'Too many failed logins: try again in {s} s',
    'password.title': 'Set a new password',
    'password.intro': 'This is a one-time password. Set one of your own first (8 characters or more; a sentence is fine).',
    'password.current': 'Current password',
    'password.new': 'New password',
    'password.repeat': 'Once more',
    'password.mismatch': 'The two passwords differ',
    'password.submit': 'Save the password',
    'nav.dashboard': 'Dashboard',
    'nav.calls': 'Call records',
    'nav.users': 'Accounts and roles',
    'nav.audit': 'Audit log',
    'nav.logout': 'Sign out',
    'role.installer': 'Installer', 'role.admin': 'Admin', 'role.supervisor': 'Supervisor', 'role.agent': 'Agent',
    'dash.lines': 'Lines', 'dash.calls': 'Calls now', 'dash.agents': 'Agents', 'dash.sync': 'CRM sync',
    'dash.noCalls': 'No calls right now',
    'line.id': 'Line', 'line.state': 'State', 'line.signal': 'Signal', 'line.operator': 'Operator', 'line.number': 'Number',
    'state.up': 'up', 'state.down': 'down', 'state.PIN needed': 'PIN needed',
    'seat.idle': 'idle', 'seat.busy': 'busy', 'seat.break': 'on break',
    'sync.endpoint': 'Server', 'sync.backlog': 'Backlog', 'sync.lastSuccess': 'Last success',
    'call.test': 'Test call', 'call.agent': 'Agent', 'call.number': 'Number', 'call.dial': 'Call', 'call.hangup': 'Hang up',
    'call.placed': 'Call placed',
    'calls.search': 'Search', 'calls.from': 'From', 'calls.to': 'To', 'calls.result': 'Result',
    'calls.any': 'any', 'calls.connected': 'connected', 'calls.notConnected': 'not connected',
    'calls.started': 'Time', 'calls.agent': 'Agent', 'calls.line': 'Line', 'calls.number': 'Customer',
    'calls.talk': 'Talk', 'calls.end': 'End', 'calls.play': 'Play', 'calls.redial': 'Call back',
    'calls.export': 'Export CSV', 'calls.none': 'No calls match', 'calls.more': 'Next page',
    'users.add': 'Add an account', 'users.name': 'Account', 'users.role': 'Role', 'users.agent': 'Agent',
    'users.team': 'Team (agents, comma-separated)', 'users.masked': 'Masked numbers', 'users.password': 'Password',
    'users.oneTime': 'One-time password (valid {h} h, to be changed at the first login): ', 'users.set': 'set',
    'users.reset': 'New password', 'users.remove': 'Remove', 'users.confirmRemove': 'Remove the account {n}?',
    'audit.at': 'When', 'audit.who': 'Who', 'audit.from': 'From', 'audit.request': 'Request', 'audit.status': 'Status',
    'audit.what': 'What', 'audit.more': 'Older entries',
    'nav.sims': 'Lines and SIMs', 'nav.guard': 'Call guard', 'nav.prompts': 'Opening messages', 'nav.sync': 'CRM sync',
    'sims.line': 'Line', 'sims.slot': 'Slot', 'sims.number': 'Own number', 'sims.prefix': 'Prefix',
    'sims.today': 'Calls today', 'sims.window': 'In window', 'sims.rotation': 'Rotation', 'sims.warnings': 'Frequent-call warnings',
    'sims.noWarnings': 'No warnings',
    'guard.settings': 'Switches', 'guard.enabled': 'Call guard on', 'guard.approval': 'Approval after 3 forced dials',
    'guard.blacklist': 'Blacklist', 'guard.risk': 'Risk numbers', 'guard.number': 'Number', 'guard.reason': 'Reason',
    'guard.add': 'Add', 'guard.remove': 'Remove', 'guard.approve': 'Approve', 'guard.approved': 'Approved',
    'guard.addedAt': 'Added', 'guard.source': 'Source', 'guard.empty': '(empty)',
    'prompts.list': 'Opening messages', 'prompts.upload': 'Upload (MP3/WAV, ≤ {s} s, at most {n})', 'prompts.name': 'Name',
    'prompts.file': 'File', 'prompts.send': 'Upload', 'prompts.record': 'Record', 'prompts.stop': 'Stop',
    'prompts.recorded': 'Recorded: upload to keep it', 'prompts.noMic': 'No microphone (on the LAN the page needs HTTPS)',
    'system.logs': 'Download the logs', 'system.backup': 'Download a backup', 'system.restart': 'Restart',
    'system.confirmRestart': 'Restart the box? Calls up now will end.', 'system.restarting': 'Restarting: reload the page in a few seconds', 'prompts.length': 'Length', 'prompts.play': 'Play', 'prompts.delete': 'Delete',
    'prompts.choose': 'Use as opening message', 'prompts.forAgent': 'Agent', 'prompts.none': 'none', 'prompts.choices': 'Chosen',
    'prompts.agentScope': 'agent', 'prompts.lineScope': 'line',
    'sync.use': 'Switch to', 'sync.private': 'private server', 'sync.public': 'public server', 'sync.oldest': 'Oldest unsent',
    'sync.sent': 'Sent', 'sync.lastError': 'Last error', 'sync.lastSwitch': 'Last switch',
    'nav.figures': 'Sales briefing', 'nav.system': 'System', 'call.takeover': 'Take over',
    'figures.by': 'By', 'figures.byAgent': 'agent', 'figures.bySim': 'SIM', 'figures.calls': 'Calls',
    'figures.rate': 'Connect rate', 'figures.talk': 'Talk in all', 'figures.average': 'Average talk', 'figures.chart': 'Calls and connected per hour',
    'system.version': 'Version', 'system.mode': 'Mode', 'system.simulate': 'simulate', 'system.hardware': 'hardware',
    'system.lines': 'Lines', 'system.recordings': 'Recordings', 'system.notUploaded': 'not uploaded',
    'yes': 'yes', 'no': 'no', 'error.network': 'The box cannot be reached', 'error.forbidden': 'Not allowed',
  },
};

/**
 * The box's API speaks English; these are its most common refusals in Chinese, matched on its words (the
 * English stays in the page as the message's tooltip, so nothing is lost). A refusal not here is shown as
 * the box said it.
 */
export const API_ERRORS_ZH = [
  [/is a service code/, '这是业务代码（USSD、呼叫转移等），不是电话号码，不能拨打'],
  [/is on the blacklist/, '该号码在黑名单中，设备不会拨打'],
  [/is a risk number/, '风险号码，已被电销卫士拦截；确需拨打请强拨'],
  [/was force-dialled \d+ times/, '该号码已强拨 3 次，需要管理员审批后才能再拨'],
  [/is not a phone number|is empty; give a phone number|holds control character/, '号码格式不正确'],
  [/is longer than \d+ characters/, '内容太长'],
  [/no free line is up for agent/, '该坐席没有可用的线路'],
  [/is busy with another call/, '线路正在通话中'],
  [/frequent-call warning/, '该 SIM 呼叫过于频繁（高频预警），请稍后再拨'],
  [/must be at least \d+ characters/, '至少 8 个字符（可以是一句话）'],
  [/is one of the most common passwords/, '这是常见密码，请换一个'],
  [/must not contain the account's name/, '密码不能包含账号名'],
  [/must differ from the current one/, '新密码不能与当前密码相同'],
  [/is not this account's password/, '当前密码不正确'],
  [/an account ".*" exists already/, '该账号已存在'],
  [/is the last installer/, '这是最后一个安装员账号，不能删除或降级'],
  [/the role \w+ may not|an admin manages the accounts/, '当前角色没有此权限'],
  [/an agent account needs the agent it is/, '坐席账号需要填写工号'],
  [/no agent ".*" on this box/, '设备上没有这个工号'],
  [/must be 1 to 32 of a-z/, '账号只能用小写字母、数字和 . _ -，最多 32 个'],
  [/no call ".*"|no active call/, '没有这个通话'],
  [/has already ended/, '通话已结束'],
  [/is not audio the box can read/, '无法识别的音频，请上传 MP3 或 WAV'],
  [/lasts at most|longer than \d+ s/, '开场白最长 60 秒'],
  [/in simulate mode nothing would start the box/, '模拟模式下无法重启：请停止后重新运行'],
  [/at most \d+ prompts|already has \d+ prompts/, '开场白数量已达上限'],
];

const KEY = 'branchline.lang';

export function language() {
  const saved = localStorage.getItem(KEY);
  return saved && MESSAGES[saved] ? saved : 'zh-CN';
}

export function setLanguage(lang) {
  localStorage.setItem(KEY, lang);
  document.documentElement.lang = lang;
}

/** A refusal of the API in the page's language (the box's own words when it has no translation). */
export function apiError(message) {
  if (language() !== 'zh-CN') return message;
  const found = API_ERRORS_ZH.find(([re]) => re.test(message));
  return found ? found[1] : message;
}

/** The message in the current language, with {name} replaced; the key itself when it is missing. */
export function t(key, args = {}) {
  const table = MESSAGES[language()];
  const text = table[key] ?? MESSAGES['zh-CN'][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => String(args[k] ?? ''));
}
