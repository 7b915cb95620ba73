package org.shouwang.rules;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.common.client.module.ParseException;
import com.espertech.esper.compiler.client.CompilerArguments;
import com.espertech.esper.compiler.client.EPCompileException;
import com.espertech.esper.compiler.client.EPCompiler;
import com.espertech.esper.compiler.client.EPCompilerProvider;
import com.espertech.esper.runtime.client.DeploymentOptions;
import com.espertech.esper.runtime.client.EPDeployException;
import com.espertech.esper.runtime.client.EPRuntime;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EPL modules of the rules, compiled once per JVM (a cold compile takes seconds; the compiled byte
 * code deploys into any number of runtimes) and deployed in dependency order under fixed ids.
 */
final class RuleModules {

    /** In dependency order: the shared inputs, episodes and timers first, then one module per rule. */
    static final List<String> SHARED = List.of("inputs", "episodes", "timers");
    static final List<String> MODULES = List.of("inputs", "episodes", "timers", "button-pressed", "no-water-use",
            "routine-break", "continuous-flow", "high-use", "device-silent", "low-battery", "meter-alarm");
    static final String DEPLOYMENT_PREFIX = "shouwang-rules.";

    private static final Logger LOG = LoggerFactory.getLogger(RuleModules.class);
    private static final String OPEN_EPISODES =
            "select deviceId, episode, rule, alertId, raisedAt from OpenEpisode order by deviceId, episode";

    /** The compiled modules and the fire-and-forget query that lists open episodes. */
    record Compiled(List<EPCompiled> modules, EPCompiled openEpisodes) {
    }

    private static Compiled compiled;

    private RuleModules() {
    }

    static Configuration configuration() {
        Configuration config = new Configuration();
        config.getCommon().addImport(AlertTexts.class);
        // Time only moves when we say so: the platform clock in production, the test's hand in tests.
        config.getRuntime().getThreading().setInternalTimerEnabled(false);
        // One thread at a time feeds the runtime (RuleEngine's methods are synchronized): Esper's statement
        // locks and the order-preserving dispatch latches guard against concurrent senders we never have.
        config.getRuntime().getExecution().setDisableLocking(true);
        config.getRuntime().getThreading().setInsertIntoDispatchPreserveOrder(false);
        config.getRuntime().getThreading().setListenerDispatchPreserveOrder(false);
        config.getRuntime().getThreading().setNamedWindowConsumerDispatchPreserveOrder(false);
        return config;
    }

    static synchronized Compiled compiled() {
        if (compiled == null) {
            compiled = compile();
        }
        return compiled;
    }

    static String deploymentId(String module) {
        return DEPLOYMENT_PREFIX + module;
    }

    static void deploy(EPRuntime runtime) {
        List<EPCompiled> modules = compiled().modules();
        for (int i = 0; i < modules.size(); i++) {
            String id = deploymentId(MODULES.get(i));
            try {
                runtime.getDeploymentService().deploy(modules.get(i), new DeploymentOptions().setDeploymentId(id));
            } catch (EPDeployException e) {
                throw new IllegalStateException("cannot deploy rule module " + MODULES.get(i) + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Compiles in three stages, each stage's modules in parallel (a rule module needs only the shared
     * ones on its path): about 1-2 s per module is Janino's byte-code generation.
     */
    private static Compiled compile() {
        long started = System.nanoTime();
        Configuration config = configuration();
        int shared = SHARED.size();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()),
                r -> {
                    Thread t = new Thread(r, "shouwang-rules-compiler");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<EPCompiled> done = new ArrayList<>();
            done.addAll(compileAll(pool, config, List.of(), MODULES.subList(0, 1)));
            done.addAll(compileAll(pool, config, List.copyOf(done), MODULES.subList(1, shared)));
            done.addAll(compileAll(pool, config, List.copyOf(done), MODULES.subList(shared, MODULES.size())));
            EPCompiled query = EPCompilerProvider.getCompiler().compileQuery(OPEN_EPISODES, arguments(config, done));
            LOG.info("rule modules compiled [modules: {}, ms: {}]", MODULES.size(), (System.nanoTime() - started) / 1_000_000);
            return new Compiled(List.copyOf(done), query);
        } catch (EPCompileException e) {
            throw new IllegalStateException("cannot compile the open-episodes query: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<EPCompiled> compileAll(ExecutorService pool, Configuration config, List<EPCompiled> path,
                                               List<String> names) {
        List<Future<EPCompiled>> futures = names.stream()
                .map(name -> pool.submit(() -> compileModule(EPCompilerProvider.getCompiler(), config, path, name)))
                .toList();
        List<EPCompiled> compiledModules = new ArrayList<>();
        for (Future<EPCompiled> f : futures) {
            try {
                compiledModules.add(f.get());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while compiling the rules", e);
            }
        }
        return compiledModules;
    }

    private static EPCompiled compileModule(EPCompiler compiler, Configuration config, List<EPCompiled> path,
                                            String name) {
        String resource = name + ".epl";
        URL epl = RuleModules.class.getResource(resource);
        if (epl == null) {
            throw new IllegalStateException("EPL resource missing: " + resource);
        }
        try {
            long t = System.nanoTime();
            EPCompiled module = compiler.compile(compiler.readModule(epl), arguments(config, path));
            LOG.debug("rule module compiled [module: {}, ms: {}]", name, (System.nanoTime() - t) / 1_000_000);
            return module;
        } catch (IOException | ParseException | EPCompileException e) {
            throw new IllegalStateException("cannot compile " + resource + ": " + e.getMessage(), e);
        }
    }

    private static CompilerArguments arguments(Configuration config, List<EPCompiled> path) {
        CompilerArguments args = new CompilerArguments(config);
        path.forEach(args.getPath()::add);
        return args;
    }
}
