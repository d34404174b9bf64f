package io.flowcraft.server.security;

import io.flowcraft.server.config.ConfigException;
import io.flowcraft.server.config.ConfigLoader;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code flowcraft token}: mints a signed token with the server's secret
 * ({@code FLOWCRAFT_AUTH_SECRET}, else {@code flowcraft.auth.secret} of the configuration), or
 * prints a new random secret. The token goes to standard output, alone, so that scripts can
 * capture it; nothing is logged.
 */
public final class TokenTool {
    private static final String USAGE = """
            usage: flowcraft token --role viewer|editor|operator --name NAME [--ttl 12h] [--graphs ID,ID] [--config FILE]
                   flowcraft token --new-secret
              --role      what the token allows
              --name      who it is for (the token's subject, shown in the server's log)
              --ttl       how long it is valid: 30m, 12h, 7d or ISO-8601 (PT12H); default 12h
              --graphs    the only graphs it may open (default: all)
              --config    the YAML configuration holding flowcraft.auth.secret (default: config/application.yaml)
              --new-secret  print a random secret for FLOWCRAFT_AUTH_SECRET (or a static token) and exit
            The secret comes from FLOWCRAFT_AUTH_SECRET, else from flowcraft.auth.secret.""";

    private TokenTool() {
    }

    /**
     * Runs the command.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err, System.getenv(), Instant.now());
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Instant now) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                out.println(USAGE);
                return 0;
            }
            if (a.equals("--new-secret")) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                out.println(Base64.getUrlEncoder().withoutPadding().encodeToString(random));
                return 0;
            }
            if (!List.of("--role", "--name", "--ttl", "--graphs", "--config").contains(a) || i + 1 >= args.length) {
                err.println("flowcraft token: " + (a.startsWith("--") && i + 1 >= args.length ? "option " + a
                        + " needs a value" : "unknown argument '" + a + "'") + "\n" + USAGE);
                return 2;
            }
            options.put(a, args[++i]);
        }
        Optional<Role> role = Optional.ofNullable(options.get("--role")).flatMap(Role::parse);
        String name = options.getOrDefault("--name", "").trim();
        Optional<Duration> ttl = ttl(options.getOrDefault("--ttl", "12h"));
        if (role.isEmpty() || name.isEmpty() || ttl.isEmpty()) {
            err.println("flowcraft token: " + (role.isEmpty() ? "--role must be viewer, editor or operator"
                    : name.isEmpty() ? "--name is needed" : "--ttl must be a positive duration such as 12h") + "\n" + USAGE);
            return 2;
        }
        Optional<String> secret;
        try {
            secret = LiveCredentials.of(ConfigLoader.load(Optional.ofNullable(options.get("--config")).map(Path::of),
                    Map.of(), env)).current().secret();
        } catch (ConfigException e) {
            err.println("flowcraft token: " + e.getMessage());
            return 2;
        }
        if (secret.isEmpty()) {
            err.println("flowcraft token: no secret to sign with: set FLOWCRAFT_AUTH_SECRET (or flowcraft.auth.secret) "
                    + "to the server's secret; ./flowcraft token --new-secret makes one");
            return 2;
        }
        Optional<List<String>> graphs = Optional.ofNullable(options.get("--graphs"))
                .map(g -> List.of(g.split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
        out.println(new SignedTokens(secret.get()).mint(name, role.get(), now, now.plus(ttl.get()), graphs));
        return 0;
    }

    private static Optional<Duration> ttl(String s) {
        try {
            Duration d;
            if (s.matches("\\d+[smhd]")) {
                long n = Long.parseLong(s.substring(0, s.length() - 1));
                d = switch (s.charAt(s.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(s);
            }
            return d.isNegative() || d.isZero() ? Optional.empty() : Optional.of(d);
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
