package io.tianshu.cmdb.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The CMDB's own writer of topology answers, ahead of the general JSON converter. */
@Configuration(proxyBeanMethods = false)
class CmdbWebConfiguration implements WebMvcConfigurer {

	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder.addCustomConverter(new TopologyJsonConverter());
	}

}
