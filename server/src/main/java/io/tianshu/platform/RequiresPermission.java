package io.tianshu.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the permission a controller method needs. It is checked before the request
 * body is read, so an unauthorised caller learns nothing from validation errors. Facades
 * check again with {@link Authorization#require}.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequiresPermission {

	/** A permission string such as {@code platform.user.write}. */
	String value();

}
