package io.tianshu.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.ProblemKind;
import io.tianshu.platform.TianshuException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Answers every error raised in Spring MVC as RFC 9457 problem details with a stable
 * {@code code} and the {@code requestId}: {@link TianshuException}s as they say, Spring's
 * own request errors with the codes below, anything else as a 500 whose detail only names
 * the request id (the stack trace goes to the log, never to the caller).
 *
 * <ul>
 * <li>400 {@code request.malformed}, {@code request.unknown-field},
 * {@code request.invalid-type}, {@code request.missing-parameter},
 * {@code request.missing-header}, {@code request.invalid-parameter}</li>
 * <li>422 {@code validation} with {@code errors} for {@code @Valid} failures</li>
 * <li>404 {@code request.not-found}, 405 {@code request.method-not-allowed}, 406
 * {@code request.not-acceptable}, 413 {@code request.too-large}, 415
 * {@code request.unsupported-media-type}, 500 {@code internal}</li>
 * </ul>
 * Spring Security's own exceptions are left to its filter chain.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler(TianshuException.class)
	ResponseEntity<ProblemDetail> domain(TianshuException ex) {
		ProblemDetail problem = Problems.of(ex.kind().status(), ex.code(), ex.getMessage());
		if (!ex.params().isEmpty()) {
			problem.setProperty("params", ex.params());
		}
		if (!ex.violations().isEmpty()) {
			problem.setProperty("errors", ex.violations());
		}
		ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus());
		Object retryAfter = ex.params().get("retryAfterSeconds");
		if (ex.kind() == ProblemKind.TOO_MANY_REQUESTS && retryAfter != null) {
			response.header(HttpHeaders.RETRY_AFTER, retryAfter.toString());
		}
		return response.body(problem);
	}

	@ExceptionHandler(PayloadTooLargeException.class)
	ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException ex) {
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLargeProblem(ex));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) throws Exception {
		if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException) {
			// rethrowing the same exception hands it on to Spring Security's filters
			throw ex;
		}
		PayloadTooLargeException tooLarge = PayloadTooLargeException.find(ex);
		if (tooLarge != null) {
			return tooLarge(tooLarge);
		}
		log.error("Unexpected failure answering {} {}", request.getMethod(), request.getRequestURI(), ex);
		return ResponseEntity.internalServerError().body(internal());
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = problemFor(ex, status);
		if (problem.getStatus() >= 500) {
			log.error("Failure answering {}", request.getDescription(false), ex);
		}
		return super.handleExceptionInternal(ex, problem, headers, HttpStatusCode.valueOf(problem.getStatus()),
				request);
	}

	static ProblemDetail internal() {
		String requestId = CurrentRequest.requestId();
		return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "An unexpected error occurred"
				+ ((requestId != null) ? "; quote request id " + requestId + " when reporting it" : ""));
	}

	static ProblemDetail tooLargeProblem(PayloadTooLargeException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE, "request.too-large", ex.getMessage());
		problem.setProperty("params", Map.of("maxBytes", ex.limit()));
		return problem;
	}

	private ProblemDetail problemFor(Exception ex, HttpStatusCode status) {
		return switch (ex) {
			case HttpMessageNotReadableException unreadable -> unreadable(unreadable);
			case MethodArgumentNotValidException invalid -> invalid(invalid);
			case HandlerMethodValidationException invalid -> invalid(invalid);
			case MissingServletRequestParameterException missing -> withField(
					Problems.of(HttpStatus.BAD_REQUEST, "request.missing-parameter",
							"The parameter " + missing.getParameterName() + " is required"),
					missing.getParameterName(), "request.missing-parameter", "required");
			case MissingServletRequestPartException missing -> withField(
					Problems.of(HttpStatus.BAD_REQUEST, "request.missing-parameter",
							"The part " + missing.getRequestPartName() + " is required"),
					missing.getRequestPartName(), "request.missing-parameter", "required");
			case MissingRequestHeaderException missing -> Problems.of(HttpStatus.BAD_REQUEST, "request.missing-header",
					"The header " + missing.getHeaderName() + " is required");
			case TypeMismatchException mismatch -> withField(
					Problems.of(HttpStatus.BAD_REQUEST, "request.invalid-parameter",
							"The parameter " + mismatch.getPropertyName() + " has the wrong type"),
					mismatch.getPropertyName(), "request.invalid-parameter",
					"must be " + ((mismatch.getRequiredType() != null) ? mismatch.getRequiredType().getSimpleName()
							: "another type"));
			case NoResourceFoundException notFound -> notFound();
			case NoHandlerFoundException notFound -> notFound();
			case HttpRequestMethodNotSupportedException method -> Problems.of(HttpStatus.METHOD_NOT_ALLOWED,
					"request.method-not-allowed", "The method " + method.getMethod() + " is not allowed here");
			case HttpMediaTypeNotAcceptableException notAcceptable ->
				Problems.of(HttpStatus.NOT_ACCEPTABLE, "request.not-acceptable",
						"No acceptable representation; supported: " + notAcceptable.getSupportedMediaTypes());
			case HttpMediaTypeNotSupportedException unsupported -> Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"request.unsupported-media-type", "The content type " + unsupported.getContentType()
							+ " is not supported; use " + unsupported.getSupportedMediaTypes());
			case MaxUploadSizeExceededException upload ->
				Problems.of(HttpStatus.CONTENT_TOO_LARGE, "request.too-large", "The upload is larger than allowed"
						+ ((upload.getMaxUploadSize() > 0) ? " (" + upload.getMaxUploadSize() + " bytes)" : ""));
			case AsyncRequestTimeoutException timeout ->
				Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "request.timeout", "The request took too long");
			default -> byStatus(status.value());
		};
	}

	private static ProblemDetail byStatus(int status) {
		if (status >= 500) {
			return internal();
		}
		HttpStatus known = HttpStatus.resolve(status);
		return Problems.of(status, Problems.codeFor(status), (known != null) ? known.getReasonPhrase() : "Error");
	}

	private static ProblemDetail notFound() {
		return Problems.of(HttpStatus.NOT_FOUND, "request.not-found", "There is nothing at this address");
	}

	private static ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		PayloadTooLargeException tooLarge = PayloadTooLargeException.find(ex);
		if (tooLarge != null) {
			return tooLargeProblem(tooLarge);
		}
		Throwable cause = ex.getCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			String field = path(unknown);
			return withField(Problems.of(HttpStatus.BAD_REQUEST, "request.unknown-field",
					"The field " + field + " is not known"), field, "request.unknown-field", "unknown field");
		}
		if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
			String field = path(mismatch);
			return withField(
					Problems.of(HttpStatus.BAD_REQUEST, "request.invalid-type",
							"The field " + field + " has the wrong type or format"),
					field, "request.invalid-type", "wrong type or format");
		}
		String detail = (cause instanceof JacksonException) ? "The request body is not valid JSON"
				: "The request body is missing or unreadable";
		return Problems.of(HttpStatus.BAD_REQUEST, "request.malformed", detail);
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static ProblemDetail invalid(MethodArgumentNotValidException ex) {
		List<FieldViolation> errors = new ArrayList<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.add(new FieldViolation(error.getField(), constraintCode(error), error.getDefaultMessage()));
		}
		for (ObjectError error : ex.getBindingResult().getGlobalErrors()) {
			errors.add(new FieldViolation(null, constraintCode(error), error.getDefaultMessage()));
		}
		return validation(errors);
	}

	private static ProblemDetail invalid(HandlerMethodValidationException ex) {
		List<FieldViolation> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach((result) -> {
			String name = result.getMethodParameter().getParameterName();
			for (MessageSourceResolvable error : result.getResolvableErrors()) {
				String field = (error instanceof FieldError fieldError) ? fieldError.getField() : name;
				errors.add(new FieldViolation(field, constraintCode(error), error.getDefaultMessage()));
			}
		});
		return validation(errors);
	}

	private static ProblemDetail validation(List<FieldViolation> errors) {
		ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "validation",
				"The request has invalid fields");
		problem.setProperty("errors", errors);
		return problem;
	}

	/** {@code NotBlank} → {@code validation.not-blank}. */
	private static String constraintCode(MessageSourceResolvable error) {
		String[] codes = error.getCodes();
		String constraint = (codes != null && codes.length > 0) ? codes[codes.length - 1] : "invalid";
		return "validation." + constraint.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
	}

	private static ProblemDetail withField(ProblemDetail problem, String field, String code, String message) {
		problem.setProperty("errors", List.of(new FieldViolation(field, code, message)));
		return problem;
	}

}
