package org.citybridge.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The platform's architecture as rules every service checks on its production classes: {@code rest →
 * service → domain}, no HTTP below {@code rest}, no service using another's code, and {@code contracts}
 * depending on nothing of ours. A service's test calls {@link #check} with its base package and
 * {@link #checkContracts}; a broken rule fails with every violation named.
 */
public final class ArchitectureRules {

    /** The base packages of the services; none may use another's classes. */
    public static final List<String> SERVICES =
            List.of("org.citybridge.cities", "org.citybridge.clusters", "org.citybridge.matchmaking");

    private static final String CONTRACTS = "org.citybridge.contracts";
    private static final String KIT_WEB = "org.citybridge.kit.web";
    private static final String JAX_RS = "jakarta.ws.rs";

    private ArchitectureRules() {
    }

    /**
     * Checks the rules of {@link #rules} on the production classes of a service.
     *
     * @param basePackage the service's base package, one of {@link #SERVICES}
     * @throws AssertionError naming every violated rule and each violation
     */
    public static void check(String basePackage) {
        checkAll(basePackage, rules(basePackage));
    }

    /** Checks {@link #contractsRule} on the classes of {@code contracts}. */
    public static void checkContracts() {
        checkAll(CONTRACTS, List.of(contractsRule()));
    }

    /** The rules of one service; a service without one of the named layers passes the rules about it. */
    public static List<ArchRule> rules(String basePackage) {
        if (!SERVICES.contains(basePackage)) {
            throw new IllegalArgumentException(basePackage + " is not a service's base package; known: " + SERVICES);
        }
        String rest = basePackage + ".rest..";
        String service = basePackage + ".service..";
        String domain = basePackage + ".domain..";
        List<ArchRule> rules = new ArrayList<>();
        rules.add(noClasses().that().resideInAnyPackage(service, domain)
                .should().dependOnClassesThat().resideInAnyPackage(rest, KIT_WEB + "..", JAX_RS + "..")
                .because("services take commands and an ExpectedVersion, and return entities: requests, "
                        + "If-Match and responses are the rest layer's business")
                .allowEmptyShould(true));
        rules.add(noClasses().that().resideInAPackage(domain)
                .should().dependOnClassesThat().resideInAnyPackage(service, basePackage + ".messaging..")
                .because("the domain is the bottom layer (rest -> service -> domain)")
                .allowEmptyShould(true));
        rules.add(noClasses().that().resideInAPackage(basePackage + "..").and().resideOutsideOfPackage(rest)
                .should().dependOnClassesThat().resideInAPackage(rest)
                .because("the rest layer is the service's edge: nothing inside the service calls it")
                .allowEmptyShould(true));
        String[] others = SERVICES.stream().filter(other -> !other.equals(basePackage))
                .map(other -> other + "..").toArray(String[]::new);
        rules.add(noClasses().that().resideInAPackage(basePackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("services share only contracts and service-kit; each keeps its own code and data"));
        return rules;
    }

    /** {@code contracts} is the vocabulary everything shares, so it depends on nothing of ours. */
    public static ArchRule contractsRule() {
        return noClasses().that().resideInAPackage(CONTRACTS + "..")
                .should().dependOnClassesThat(resideInAPackage("org.citybridge..")
                        .and(resideOutsideOfPackage(CONTRACTS + "..")))
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
