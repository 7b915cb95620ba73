package org.shouwang.carrier;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.shouwang.db.CarrierStore;
import org.shouwang.db.StoreFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits pushes to the inbox together (group commit): one thread takes what has arrived, up to {@link #BATCH}, and
 * writes it in one statement and one transaction, so a burst of 2,000 pushes a second costs a few hundred commits,
 * not 2,000. Each push's future completes only after the commit, and the listener answers 200 only then. When the
 * database refuses the data itself (a body PostgreSQL cannot store), the batch is written push by push, so only that
 * push fails (503, and the platform retries it) and none of the others waits on it.
 */
final class InboxWriter implements AutoCloseable {

    static final int BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(InboxWriter.class);

    private record Pending(CarrierStore.Accept push, CompletableFuture<Boolean> fresh) {
    }

    private final CarrierStore store;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    InboxWriter(CarrierStore store) {
        this.store = store;
        this.thread = new Thread(this::run, "shouwang-carrier-inbox");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Completes with whether the push was new, once it is committed; fails when it could not be. */
    CompletableFuture<Boolean> accept(CarrierStore.Accept push) {
        CompletableFuture<Boolean> fresh = new CompletableFuture<>();
        if (closed) {
            fresh.completeExceptionally(new IllegalStateException("the inbox writer is closed"));
            return fresh;
        }
        queue.add(new Pending(push, fresh));
        return fresh;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
        queue.forEach(p -> p.fresh().completeExceptionally(new IllegalStateException("the inbox writer stopped")));
    }

    private void write(List<Pending> batch) {
        try {
            List<Boolean> fresh = store.acceptAll(batch.stream().map(Pending::push).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).fresh().complete(fresh.get(i));
            }
        } catch (RuntimeException e) {
            if (batch.size() > 1 && StoreFailures.classify(e) == StoreFailures.Kind.DATA_REFUSED) {
                LOG.warn("inbox batch refused, writing its pushes one by one [pushes: {}, sqlstate: {}]", batch.size(),
                        StoreFailures.sqlState(e));
                for (Pending p : batch) {
                    write(List.of(p));
                }
                return;
            }
            batch.forEach(p -> p.fresh().completeExceptionally(e));
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.join(10_000);
    }
}
