package io.tianshu.platform.security;

import io.tianshu.platform.Authorization;
import io.tianshu.platform.RequiresPermission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks {@link RequiresPermission} after the handler is chosen and before its arguments
 * (and so the request body) are read.
 */
class PermissionInterceptor implements HandlerInterceptor {

	private final Authorization authorization;

	PermissionInterceptor(Authorization authorization) {
		this.authorization = authorization;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (handler instanceof HandlerMethod method) {
			RequiresPermission required = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(),
					RequiresPermission.class);
			if (required == null) {
				required = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresPermission.class);
			}
			if (required != null) {
				this.authorization.require(required.value());
			}
		}
		return true;
	}

}
