package io.branchline.box.health;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code /health} (with {@code /health/live} and {@code /health/ready}) and {@code /metrics} (Prometheus
 * text) through Helidon's observe features, served on their own socket, which listens on loopback only:
 * nothing there asks for a login, so nothing there is reachable from the office LAN (Prometheus on the box,
 * or through an SSH tunnel).
 */
public final class ObserveEndpoints {
    public static final String SOCKET = "observe";

    private ObserveEndpoints() {
    }

    public static ObserveFeature feature(BoxHealth health, BoxMetrics metrics) {
        // Helidon's own checks by hand, not found by service loader: its disk check cannot start where / is no
        // mount point it can find (a chroot, some overlay roots), and the box's own disk check covers it.
        io.helidon.webserver.observe.health.HealthObserverConfig.Builder checks = HealthObserver.builder().details(true)
                .useSystemServices(false)
                .addCheck(io.helidon.health.checks.HealthChecks.heapMemoryCheck())
                .addCheck(io.helidon.health.checks.HealthChecks.deadlockCheck());
        add(checks, HealthCheckType.LIVENESS, "database", health::database);
        add(checks, HealthCheckType.LIVENESS, "media-clock", health::mediaClock);
        add(checks, HealthCheckType.LIVENESS, "line-loops", health::lineLoops);
        add(checks, HealthCheckType.READINESS, "lines", health::linesReady);
        add(checks, HealthCheckType.READINESS, "sync", health::sync);
        add(checks, HealthCheckType.READINESS, "disk", health::disk);
        return ObserveFeature.builder()
                .endpoint("/")
                .observersDiscoverServices(false) // only the two below, as configured here
                .sockets(List.of(SOCKET))
                .addObserver(checks.build())
                .addObserver(MetricsObserver.builder().meterRegistry(metrics.registry()).build())
                .build();
    }

    private static void add(io.helidon.webserver.observe.health.HealthObserverConfig.Builder b, HealthCheckType type, String name, Supplier<BoxHealth.Check> check) {
        b.addCheck(new HealthCheck() {
            @Override
            public HealthCheckType type() {
                return type;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthCheckResponse call() {
                BoxHealth.Check c = check.get();
                HealthCheckResponse.Builder r = HealthCheckResponse.builder().status(c.up()).detail("reason", c.reason());
                c.data().forEach(r::detail);
                return r.build();
            }
        });
    }
}
