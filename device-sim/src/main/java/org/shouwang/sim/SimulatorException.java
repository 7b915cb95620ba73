package org.shouwang.sim;

/** A simulated device could not reach or talk to the broker. */
public class SimulatorException extends RuntimeException {

    public SimulatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
