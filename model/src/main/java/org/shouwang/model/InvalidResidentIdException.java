package org.shouwang.model;

/** A resident ID number that is not valid, with the one {@link ResidentId.Problem} found first. */
public class InvalidResidentIdException extends IllegalArgumentException {

    private final ResidentId.Problem problem;

    public InvalidResidentIdException(ResidentId.Problem problem) {
        super(problem.message());
        this.problem = problem;
    }

    public ResidentId.Problem problem() {
        return problem;
    }
}
