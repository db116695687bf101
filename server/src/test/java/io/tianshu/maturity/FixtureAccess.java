package io.tianshu.maturity;

/** Names of the test fixtures for tests in other packages. */
public final class FixtureAccess {

	public static final String FIXTURE_PROBE = FixtureProbe.ID;

	private FixtureAccess() {
	}

}
