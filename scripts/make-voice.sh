#!/usr/bin/env bash
# Makes the box's own spoken clips in Chinese with espeak-ng (Debian), as 8 kHz mono WAV: the queue's
# position announcement (您前面还有 N 位), what a group call's customer hears when no agent is free, and the simulate mode's example switchboard. The clips are kept in
# the repository, so that neither a build nor a box needs espeak-ng; run this again after changing a text.
# Usage: scripts/make-voice.sh
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
need=()
command -v espeak-ng >/dev/null || need+=(espeak-ng)
command -v sox >/dev/null || need+=(sox)
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "make-voice.sh: needs ${need[*]} (apt-get install ${need[*]})" >&2; exit 4; }
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
say() { # file text
  local tmp; tmp="$(mktemp --suffix=.wav)"
  espeak-ng -v cmn -s 170 -a 120 -w "$tmp" "$2"
  sox -q "$tmp" -r 8000 -c 1 -b 16 "$1" norm -3
  rm -f "$tmp"
}
voice="$root/firmware-app/src/main/resources/voice/zh-CN"
mkdir -p "$voice"
digits=(零 一 二 三 四 五 六 七 八 九)
for i in "${!digits[@]}"; do say "$voice/$i.wav" "${digits[$i]}"; done
say "$voice/10.wav" "十"
say "$voice/ahead.wav" "您前面还有"
say "$voice/waiting.wav" "位客户在等候，请稍候"
say "$voice/next.wav" "您是下一位，请稍候"
say "$voice/no-agent.wav" "您好，客服暂时都在忙，稍后再与您联系，再见。"
example="$root/firmware-app/src/main/resources/simulate/switchboard"
mkdir -p "$example"
say "$example/welcome.wav" "您好，欢迎致电。贷款咨询请按1，还款和账单请按2，人工服务请按0。"
say "$example/loans.wav" "贷款咨询。个人信用贷款请按1，房产抵押贷款请按2，返回上一级请按星号键。"
say "$example/repay.wav" "还款和账单问题，请直接拨打您的客户经理，或稍后按0转人工服务。谢谢您的来电，再见。"
say "$example/closed.wav" "您好，现在是非工作时间。我们的工作时间是周一至周五，上午九点到下午六点。请在工作时间再来电，再见。"
say "$example/invalid.wav" "您的输入有误，请重新选择。"
ls -la "$voice" "$example"
