package io.producergateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumDriverLogLevel;

/**
 * The system's headless Chromium, driven through the system's chromedriver by Selenium: never a browser or driver
 * that a tool downloads (both paths are given, so Selenium Manager is never asked). Where either is missing the test
 * is skipped with a message, unless {@code -Dbrowser.required=true} (CI), which fails it instead.
 */
public final class Chromium implements AutoCloseable {

    /** Debian's packages {@code chromium} and {@code chromium-driver}; overridable for other systems. */
    private static final Path BROWSER = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));
    /** chromedriver's warnings, to read when a page did not behave. */
    private static final Path LOG = Path.of("target", "chromedriver.log");

    /**
     * Headless, and nothing that reaches out: without these Chromium keeps trying connections that are closed here
     * (QUIC, background updates, sync), slowing every page.
     */
    private static final List<String> ARGUMENTS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,2000");

    /**
     * The test speaks WebDriver only, never the DevTools protocol: Selenium's warning that it ships no DevTools
     * support for this Chromium's version is noise here.
     */
    private static final Logger DEVTOOLS = Logger.getLogger("org.openqa.selenium.devtools");

    static {
        DEVTOOLS.setLevel(Level.SEVERE);
    }

    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private Chromium(Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    /** Starts a fresh browser with a profile of its own, or skips (or fails, when required) without one. */
    public static Chromium start() {
        String missing = Stream.of(BROWSER, DRIVER).filter(path -> !Files.isExecutable(path)).map(Path::toString)
                .reduce((a, b) -> a + " and " + b).orElse(null);
        if (missing != null) {
            String message = "No " + missing + ": install Debian's chromium and chromium-driver "
                    + "(apt-get install chromium chromium-driver) to run the browser test";
            if (Boolean.getBoolean("browser.required")) {
                Assertions.fail(message + " (browser.required=true)");
            }
            Assumptions.abort(message + "; skipped (set -Dbrowser.required=true to fail instead)");
        }
        Path profile = temporaryProfile();
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withLogFile(LOG.toFile())
                .withLogLevel(ChromiumDriverLogLevel.WARNING).build();
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile()).addArguments(ARGUMENTS)
                .addArguments("--user-data-dir=" + profile);
        options.setPageLoadTimeout(Duration.ofSeconds(30));
        options.setScriptTimeout(Duration.ofSeconds(30));
        try {
            return new Chromium(profile, service, new ChromeDriver(service, options));
        } catch (RuntimeException e) {
            service.stop();
            delete(profile);
            throw e;
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Ends the browser and its driver (the processes this test started) and removes the profile. */
    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            delete(profile);
        }
    }

    private static Path temporaryProfile() {
        try {
            return Files.createTempDirectory("chromium-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary profile is harmless
        }
    }
}
