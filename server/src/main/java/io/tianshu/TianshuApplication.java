package io.tianshu;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Tianshu (天枢): one Spring Boot application whose business areas are Spring Modulith
 * application modules, the top-level packages below {@code io.tianshu}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Modulithic(systemName = "Tianshu", sharedModules = "platform")
public class TianshuApplication {

	public static void main(String[] args) {
		SpringApplication.run(TianshuApplication.class, LaunchArguments.translate(args));
	}

}
