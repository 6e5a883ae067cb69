package io.producergateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/** Signals to a server process a test started itself, by its PID: freezing it (STOP) and letting it go (CONT). */
final class ProcessSignals {

    private ProcessSignals() {
    }

    /** Sends {@code kill -<signal>} to the process; {@code what} names it in the failure. */
    static void send(Process process, String signal, String what) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " failed for " + what + " pid " + process.pid());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
