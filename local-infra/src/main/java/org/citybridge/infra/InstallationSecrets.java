package org.citybridge.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Passwords made for one installation (never a default), kept in a properties file readable by its
 * owner only, beside the data they protect: made on first use, the same at every later start.
 */
public final class InstallationSecrets {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Map<String, String> passwords;

    private InstallationSecrets(Path file, Map<String, String> passwords) {
        this.file = file;
        this.passwords = Map.copyOf(passwords);
    }

    /** The passwords in {@code file}, those of {@code names} it lacks made (and stored) first. */
    public static InstallationSecrets ensure(Path file, List<String> names) {
        Map<String, String> passwords = new LinkedHashMap<>();
        if (Files.exists(file)) {
            passwords.putAll(read(file).passwords);
        }
        boolean added = false;
        for (String name : names) {
            if (!passwords.containsKey(name)) {
                passwords.put(name, newPassword());
                added = true;
            }
        }
        if (added) {
            write(file, passwords);
        }
        return new InstallationSecrets(file, passwords);
    }

    /** The passwords in {@code file}. */
    public static InstallationSecrets read(Path file) {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("No secrets in " + file, e);
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(name -> passwords.put(name, props.getProperty(name)));
        return new InstallationSecrets(file, passwords);
    }

    public String password(String name) {
        String password = passwords.get(name);
        if (password == null) {
            throw new IllegalArgumentException("No secret " + name + " in " + file);
        }
        return password;
    }

    public Path file() {
        return file;
    }

    /** 24 characters from 57 (about 140 bits), letters and digits only: safe in a JAAS line or a URL. */
    static String newPassword() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private static void write(Path file, Map<String, String> passwords) {
        Properties props = new Properties();
        props.putAll(passwords);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(tmp)) {
                props.store(out, "Passwords of this installation; keep private");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store secrets in " + file, e);
        }
    }
}
