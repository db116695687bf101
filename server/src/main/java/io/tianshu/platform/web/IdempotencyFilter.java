package io.tianshu.platform.web;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.tianshu.platform.Actor;
import io.tianshu.platform.Authorization;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on {@code POST /api/**}: the first request with a key runs and
 * its response (status, {@code Content-Type}, {@code Location}, body; never a 5xx) is
 * kept for {@code tianshu.api.idempotency-retention}; a repeat with the same key and the
 * same method, path and body gets the stored response again with
 * {@code Idempotency-Replayed: true}. The same key with another request is 422
 * {@code idempotency.key-reused}; a repeat while the first still runs is 409
 * {@code idempotency.in-progress}. Keys are per caller
 * ({@link Authorization#currentActor()}), so this filter runs after the security chain.
 * Anonymous and multipart requests are not covered.
 */
class IdempotencyFilter extends OncePerRequestFilter {

	static final String HEADER = "Idempotency-Key";

	static final String REPLAYED = "Idempotency-Replayed";

	private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

	private final IdempotencyKeys keys;

	private final Authorization authorization;

	private final ProblemResponses problems;

	private final ApiMetrics metrics;

	IdempotencyFilter(IdempotencyKeys keys, Authorization authorization, ProblemResponses problems,
			ApiMetrics metrics) {
		this.keys = keys;
		this.authorization = authorization;
		this.problems = problems;
		this.metrics = metrics;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String contentType = request.getContentType();
		return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
				|| (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER);
		if (!VALID_KEY.matcher(key).matches()) {
			this.problems.write(response, Problems.of(HttpStatus.BAD_REQUEST, "idempotency.key-invalid",
					"The Idempotency-Key must be 1 to 255 visible ASCII characters"));
			return;
		}
		Actor actor = this.authorization.currentActor();
		if (actor.kind() == Actor.Kind.ANONYMOUS) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body;
		try {
			body = request.getInputStream().readAllBytes();
		}
		catch (PayloadTooLargeException ex) {
			this.problems.write(response, ProblemDetailsAdvice.tooLargeProblem(ex));
			return;
		}
		String caller = callerOf(actor);
		String hash = hash(request, body);
		Optional<IdempotencyKeys.Stored> stored = this.keys.claim(caller, key, hash);
		if (stored.isEmpty()) {
			execute(new CachedBodyRequest(request, body), response, chain, caller, key);
		}
		else if (!stored.get().requestHash().equals(hash)) {
			this.problems.write(response, Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency.key-reused",
					"This Idempotency-Key was used for a different request"));
		}
		else if (stored.get().inProgress()) {
			this.problems.write(response, Problems.of(HttpStatus.CONFLICT, "idempotency.in-progress",
					"A request with this Idempotency-Key is still being processed"));
		}
		else {
			replay(stored.get(), response);
		}
	}

	private void execute(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String caller,
			String key) throws ServletException, IOException {
		ContentCachingResponseWrapper caching = new ContentCachingResponseWrapper(response);
		boolean kept = false;
		try {
			chain.doFilter(request, caching);
			int status = caching.getStatus();
			if (status < 500 && !request.isAsyncStarted()) {
				Map<String, String> headers = new LinkedHashMap<>();
				if (caching.getContentType() != null) {
					headers.put(HttpHeaders.CONTENT_TYPE, caching.getContentType());
				}
				String location = caching.getHeader(HttpHeaders.LOCATION);
				if (location != null) {
					headers.put(HttpHeaders.LOCATION, location);
				}
				this.keys.complete(caller, key, status, headers, caching.getContentAsByteArray());
				kept = true;
			}
		}
		finally {
			if (!kept) {
				this.keys.release(caller, key);
			}
			caching.copyBodyToResponse();
		}
	}

	private void replay(IdempotencyKeys.Stored stored, HttpServletResponse response) throws IOException {
		this.metrics.replay();
		response.setStatus(stored.status());
		stored.headers().forEach(response::setHeader);
		response.setHeader(REPLAYED, "true");
		if (stored.body() != null && stored.body().length > 0) {
			response.setContentLength(stored.body().length);
			response.getOutputStream().write(stored.body());
		}
		response.flushBuffer();
	}

	static String callerOf(Actor actor) {
		return switch (actor.kind()) {
			case TOKEN -> "token:" + actor.tokenId();
			case SYSTEM -> "system";
			default -> "user:" + ((actor.userId() != null) ? actor.userId() : actor.name());
		};
	}

	private static String hash(HttpServletRequest request, byte[] body) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			String target = request.getMethod() + " " + request.getRequestURI()
					+ ((request.getQueryString() != null) ? "?" + request.getQueryString() : "") + "\n";
			digest.update(target.getBytes(StandardCharsets.UTF_8));
			digest.update(body);
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The request with its body read once into memory (it is bounded by the size limit).
	 */
	private static final class CachedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		CachedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					// the servlet API asks for IllegalStateException outside async
					// processing, which this is
					throw new IllegalStateException(
							"The body was read ahead for the idempotency check; read it synchronously");
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			String encoding = getCharacterEncoding();
			return new BufferedReader(new InputStreamReader(getInputStream(),
					(encoding != null) ? java.nio.charset.Charset.forName(encoding) : StandardCharsets.UTF_8));
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
