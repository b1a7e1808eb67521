package org.citybridge.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The platform's architecture as rules every service checks on its production classes: {@code rest →
 * service → domain}, no HTTP below {@code rest}, no service using another's code, and {@code contracts}
 * depending on nothing of ours. A service's test calls {@link #check} with its base package and
 * {@link #checkContracts}; a broken rule fails with every violation named.
 */
public final class ArchitectureRules {

    /** The base packages of the services; none may use another's classes. */
    public static final List<String> SERVICES = List.of(
            "org.citybridge.cities",
            "org.citybridge.clusters",
            "org.citybridge.matchmaking",
            "org.citybridge.webhooks");

    private static final String CONTRACTS = "org.citybridge.contracts";
    private static final String KIT_WEB = "org.citybridge.kit.web";
    private static final String JAX_RS = "jakarta.ws.rs";

    private ArchitectureRules() {}

    /**
     * Where a service keeps each layer, below its base package: {@code rest} is always the web edge.
     *
     * @param services   packages of the service layer (transactions, rules, their entities)
     * @param domain     packages of the domain, bottom-up: each may use those listed before it, not after
     * @param pureDomain true if the domain is plain Java: it may use only the JDK, contracts and itself
     */
    public record Layout(String basePackage, List<String> services, List<String> domain, boolean pureDomain) {

        /** The usual layout: {@code rest}, {@code service}, {@code domain} (JPA entities in the domain). */
        public static Layout layered(String basePackage) {
            return new Layout(basePackage, List.of("service"), List.of("domain"), false);
        }
    }

    /**
     * Checks the rules of {@link #rules} on the production classes of a service laid out as usual.
     *
     * @param basePackage the service's base package, one of {@link #SERVICES}
     * @throws AssertionError naming every violated rule and each violation
     */
    public static void check(String basePackage) {
        check(Layout.layered(basePackage));
    }

    /** Checks the rules of {@link #rules} on the production classes of a service with this layout. */
    public static void check(Layout layout) {
        checkAll(layout.basePackage(), rules(layout));
    }

    /** Checks {@link #contractsRule} on the classes of {@code contracts}. */
    public static void checkContracts() {
        checkAll(CONTRACTS, List.of(contractsRule()));
    }

    /** The rules of one service; a service without one of the named layers passes the rules about it. */
    public static List<ArchRule> rules(Layout layout) {
        String basePackage = layout.basePackage();
        if (!SERVICES.contains(basePackage)) {
            throw new IllegalArgumentException(basePackage + " is not a service's base package; known: " + SERVICES);
        }
        String rest = basePackage + ".rest..";
        String[] service = packages(basePackage, layout.services());
        String[] domain = packages(basePackage, layout.domain());
        String[] serviceAndDomain = packages(
                basePackage,
                Stream.concat(layout.services().stream(), layout.domain().stream())
                        .toList());
        List<ArchRule> rules = new ArrayList<>();
        rules.add(noClasses()
                .that()
                .resideInAnyPackage(serviceAndDomain)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(rest, KIT_WEB + "..", JAX_RS + "..")
                .because("services take commands and an ExpectedVersion, and return entities: requests, "
                        + "If-Match and responses are the rest layer's business")
                .allowEmptyShould(true));
        String[] above = Stream.concat(Arrays.stream(service), Stream.of(basePackage + ".messaging.."))
                .toArray(String[]::new);
        rules.add(noClasses()
                .that()
                .resideInAnyPackage(domain)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(above)
                .because("the domain is the bottom layer (rest -> service -> domain)")
                .allowEmptyShould(true));
        for (int i = 0; i < domain.length - 1; i++) {
            String[] later = Arrays.copyOfRange(domain, i + 1, domain.length);
            rules.add(noClasses()
                    .that()
                    .resideInAPackage(domain[i])
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(later)
                    .because("the domain's packages build on each other bottom-up, never back"));
        }
        if (layout.pureDomain()) {
            String[] allowed = Stream.concat(Arrays.stream(domain), Stream.of("java..", CONTRACTS + ".."))
                    .toArray(String[]::new);
            rules.add(classes()
                    .that()
                    .resideInAnyPackage(domain)
                    .should()
                    .onlyDependOnClassesThat()
                    .resideInAnyPackage(allowed)
                    .because("the domain is plain Java, tested without Quarkus, a database or a broker"));
        }
        rules.add(noClasses()
                .that()
                .resideInAPackage(basePackage + "..")
                .and()
                .resideOutsideOfPackage(rest)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(rest)
                .because("the rest layer is the service's edge: nothing inside the service calls it")
                .allowEmptyShould(true));
        String[] others = SERVICES.stream()
                .filter(other -> !other.equals(basePackage))
                .map(other -> other + "..")
                .toArray(String[]::new);
        rules.add(noClasses()
                .that()
                .resideInAPackage(basePackage + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others)
                .because("services share only contracts and service-kit; each keeps its own code and data"));
        return rules;
    }

    private static String[] packages(String basePackage, List<String> names) {
        return names.stream().map(name -> basePackage + "." + name + "..").toArray(String[]::new);
    }

    /** {@code contracts} is the vocabulary everything shares, so it depends on nothing of ours. */
    public static ArchRule contractsRule() {
        return noClasses()
                .that()
                .resideInAPackage(CONTRACTS + "..")
                .should()
                .dependOnClassesThat(resideInAPackage("org.citybridge..").and(resideOutsideOfPackage(CONTRACTS + "..")))
                .because("contracts is the vocabulary every module shares and depends on nothing of ours");
    }

    private static void checkAll(String basePackage, List<ArchRule> rules) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
        if (classes.isEmpty()) {
            throw new AssertionError("No production classes found in " + basePackage + " on the class path");
        }
        List<String> failures = new ArrayList<>();
        for (ArchRule rule : rules) {
            try {
                rule.check(classes);
            } catch (AssertionError violated) {
                failures.add(violated.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n\n", failures));
        }
    }
}
