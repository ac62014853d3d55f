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
    'yes': 'yes', 'no': 'no', 'error.network': 'The box cannot be reached', 'error.forbidden': 'Not allowed',
  },
};

const KEY = 'branchline.lang';

export function language() {
  const saved = localStorage.getItem(KEY);
  return saved && MESSAGES[saved] ? saved : 'zh-CN';
}

export function setLanguage(lang) {
  localStorage.setItem(KEY, lang);
  document.documentElement.lang = lang;
}

/** The message in the current language, with {name} replaced; the key itself when it is missing. */
export function t(key, args = {}) {
  const table = MESSAGES[language()];
  const text = table[key] ?? MESSAGES['zh-CN'][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => String(args[k] ?? ''));
}
