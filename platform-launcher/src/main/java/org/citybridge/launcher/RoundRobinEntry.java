package org.citybridge.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One address in front of several instances of a service, for {@code ./run.sh --replicas N}: each
 * connection accepted on the service's usual port goes to the next instance in turn, bytes passed
 * through unchanged both ways (so HTTP keep-alive keeps a client on one instance). An instance that
 * refuses the connection (stopped, restarting) is skipped for the next one: the caller sees a
 * connection to a live instance, or a closed one if none answers. Not a production load balancer:
 * deployments put their own in front (Kubernetes Service, compose and a proxy).
 */
public final class RoundRobinEntry implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    private final ServerSocket server;
    private final List<InetSocketAddress> instances;
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean open = true;

    private RoundRobinEntry(ServerSocket server, List<InetSocketAddress> instances) {
        this.server = server;
        this.instances = List.copyOf(instances);
    }

    /** Listens on {@code bindAddress:port} and passes each connection to the next of {@code instances}. */
    public static RoundRobinEntry start(String name, String bindAddress, int port, List<InetSocketAddress> instances) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 200);
            RoundRobinEntry entry = new RoundRobinEntry(server, instances);
            Thread acceptor = new Thread(entry::acceptLoop, name + "-entry");
            acceptor.setDaemon(true);
            acceptor.start();
            return entry;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + bindAddress + ":" + port + " for " + name, e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (open) {
            try {
                Socket client = server.accept();
                Thread connection = new Thread(() -> serve(client), "entry-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                if (open) {
                    continue; // one failed accept does not end the entry point
                }
                return;
            }
        }
    }

    private void serve(Socket client) {
        Socket instance = connectToNext();
        if (instance == null) {
            closeQuietly(client);
            return;
        }
        Thread upstream = new Thread(() -> pump(client, instance), "entry-upstream");
        upstream.setDaemon(true);
        upstream.start();
        pump(instance, client);
    }

    /** The next instance in turn that accepts a connection; null if none does. */
    private Socket connectToNext() {
        for (int tried = 0; tried < instances.size(); tried++) {
            InetSocketAddress target = instances.get(Math.floorMod(next.getAndIncrement(), instances.size()));
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(target, CONNECT_TIMEOUT_MILLIS);
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
            }
        }
        return null;
    }

    /** Copies one direction until it ends, then closes both sides (the other pump ends with them). */
    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away: the connection is over
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closed already
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            server.close();
        } catch (IOException e) {
            // closed already
        }
    }
}
