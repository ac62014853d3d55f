# Sourced by scripts/branchline and scripts/bench-footprint.sh: the JVM settings the box runs with.
# Serial GC and a small heap kept small (a Pi has 1-4 GB and other work): it starts at 16 MB (the JVM's default
# start, 1/64 of the memory, was all of the 128 MB on a bigger machine) and gives back what a full collection
# frees at once, not over several (ShrinkHeapInSteps); C1 only (TieredStopAtLevel=1):
# the box's work is I/O and 20 ms audio frames, where C2's peak speed buys little and its memory and start-up
# cost a lot; compact object headers (JDK 25) shrink every object by 4 bytes. Out of memory, the box exits (and
# systemd restarts it) rather than staying up without an API. jSerialComm and sd_notify call native code.
BRANCHLINE_JVM_LEAN="--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xss512k -XX:+ExitOnOutOfMemoryError \
-Xms16m -Xmn6m -Xmx128m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:-ShrinkHeapInSteps -XX:TieredStopAtLevel=1 \
-XX:ReservedCodeCacheSize=32m \
-XX:MaxMetaspaceSize=160m -XX:+UseCompactObjectHeaders"
