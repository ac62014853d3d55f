# Sourced by scripts/branchline and scripts/bench-footprint.sh: the JVM settings the box runs with.
# Serial GC and a small heap kept small (a Pi has 1-4 GB and other work): it starts at 16 MB (the JVM's default
# start, 1/64 of the memory, was all of the 128 MB on a bigger machine) and gives back what a full collection
# frees at once, not over several (ShrinkHeapInSteps); C1 only (TieredStopAtLevel=1):
# the box's work is I/O and 20 ms audio frames, where C2's peak speed buys little and its memory and start-up
# cost a lot; compact object headers (JDK 25) shrink every object by 4 bytes. Out of memory, the box exits (and
# systemd restarts it) rather than staying up without an API. jSerialComm and sd_notify call native code.
# Measured by scripts/bench-footprint.sh (simulate mode, 8 lines, 4 calls up; RSS 174 -> 157 MB in all):
# - a young generation of 4 MB (-2.5 MB; about 3 young collections of a few ms per 20 s with 4 calls up);
# - the old generation kept within 5-15 % free after a full collection (-3 MB, with the full collection the
#   box runs after a password hash: access.Argon2Hash);
# - C1 compiles a method after 2,000 calls or 120,000 loop turns instead of 200 / 7,000 (-4.5 MB of code and
#   compiler arenas): the box's hot paths (AT lines, 20 ms frames) pass that within a minute; code run a few
#   hundred times (start-up, a page load) stays interpreted, which costs it microseconds;
# - glibc's heap trimmed every 5 s (-5 MB): the compiler's and the start-up's freed malloc arenas were kept.
BRANCHLINE_JVM_LEAN="--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xss512k -XX:+ExitOnOutOfMemoryError \
-Xms16m -Xmn4m -Xmx128m -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=15 -XX:-ShrinkHeapInSteps -XX:TieredStopAtLevel=1 \
-XX:Tier3InvocationThreshold=2000 -XX:Tier3MinInvocationThreshold=1000 -XX:Tier3CompileThreshold=20000 \
-XX:Tier3BackEdgeThreshold=120000 -XX:ReservedCodeCacheSize=32m -XX:TrimNativeHeapInterval=5000 \
-XX:MaxMetaspaceSize=160m -XX:+UseCompactObjectHeaders"
