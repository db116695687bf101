package io.tianshu;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the launcher's short flags into Spring properties, so {@code ./tianshu --no-demo}
 * means {@code --tianshu.demo=false}.
 */
final class LaunchArguments {

	private LaunchArguments() {
	}

	static String[] translate(String[] args) {
		List<String> out = new ArrayList<>(args.length);
		for (String arg : args) {
			switch (arg) {
				case "--no-demo" -> out.add("--tianshu.demo=false");
				case "--demo" -> out.add("--tianshu.demo=true");
				default -> out.add(arg);
			}
		}
		return out.toArray(String[]::new);
	}

}
