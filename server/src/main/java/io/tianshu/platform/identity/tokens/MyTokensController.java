package io.tianshu.platform.identity.tokens;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's API tokens. */
@RestController
@RequestMapping("/api/v1/me/tokens")
class MyTokensController {

	private final ApiTokens tokens;

	MyTokensController(ApiTokens tokens) {
		this.tokens = tokens;
	}

	@GetMapping
	List<ApiTokens.TokenView> list() {
		return this.tokens.mine();
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	ApiTokens.CreatedToken create(@RequestBody(required = false) NewToken token) {
		NewToken given = (token != null) ? token : new NewToken(null, null, null);
		return this.tokens.create(given.name(), given.permissions(), given.expiresAt());
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(@PathVariable UUID id) {
		this.tokens.revoke(id);
	}

	record NewToken(String name, List<String> permissions, Instant expiresAt) {
	}

}
