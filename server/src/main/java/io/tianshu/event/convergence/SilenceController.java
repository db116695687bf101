package io.tianshu.event.convergence;

import java.util.List;
import java.util.UUID;

import io.tianshu.event.EventPermissions;
import io.tianshu.platform.CursorPage;
import io.tianshu.platform.RequiresPermission;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Silences (静默, {@code /api/v1/events/silences}) with the editor's preview, and
 * maintenance windows (维护窗口, {@code /api/v1/events/maintenance-windows}).
 */
@RestController
@RequiresPermission(EventPermissions.SILENCE_MANAGE)
class SilenceController {

	private final Silences silences;

	SilenceController(Silences silences) {
		this.silences = silences;
	}

	/** Newest first; {@code status}: {@code active}, {@code pending}, {@code expired}. */
	@GetMapping("/api/v1/events/silences")
	@RequiresPermission(EventPermissions.SILENCE_MANAGE)
	CursorPage<Silence> list(@RequestParam(required = false) String status,
			@RequestParam(required = false) String cursor, @RequestParam(defaultValue = "50") int limit) {
		return this.silences.list(status, cursor, limit);
	}

	@PostMapping("/api/v1/events/silences")
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresPermission(EventPermissions.SILENCE_MANAGE)
	Silence create(@RequestBody Silence.Draft draft) {
		return this.silences.save(null, draft);
	}

	/** The open alerts (open, acknowledged, suppressed) a silence would match now. */
	@PostMapping("/api/v1/events/silences/preview")
	@RequiresPermission(EventPermissions.SILENCE_MANAGE)
	Silences.Preview preview(@RequestBody Silence.PreviewRequest request) {
		return this.silences.preview(request);
	}

	@GetMapping("/api/v1/events/silences/{id}")
	@RequiresPermission(EventPermissions.SILENCE_MANAGE)
	Silence get(@PathVariable UUID id) {
		return this.silences.get(id);
	}

	@PutMapping("/api/v1/events/silences/{id}")
	@RequiresPermission(EventPermissions.SILENCE_MANAGE)
	Silence update(@PathVariable UUID id, @RequestBody Silence.Draft draft) {
		return this.silences.save(id, draft);
	}

	/** Ends it now; its alerts that are still firing open again. */
	@PostMapping("/api/v1/events/silences/{id}/expire")
	@RequiresPermission(EventPermissions.SILENCE_MANAGE)
	Silence expire(@PathVariable UUID id) {
		return this.silences.expire(id);
	}

	@DeleteMapping("/api/v1/events/silences/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@RequiresPermission(EventPermissions.SILENCE_MANAGE)
	void delete(@PathVariable UUID id) {
		this.silences.delete(id);
	}

	@GetMapping("/api/v1/events/maintenance-windows")
	@RequiresPermission(EventPermissions.SILENCE_MANAGE)
	List<MaintenanceWindow> windows() {
		return this.silences.windows();
	}

	@PostMapping("/api/v1/events/maintenance-windows")
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresPermission(EventPermissions.SILENCE_MANAGE)
	MaintenanceWindow createWindow(@RequestBody MaintenanceWindow.Draft draft) {
		return this.silences.saveWindow(null, draft);
	}

	@GetMapping("/api/v1/events/maintenance-windows/{id}")
	@RequiresPermission(EventPermissions.SILENCE_MANAGE)
	MaintenanceWindow window(@PathVariable UUID id) {
		return this.silences.window(id);
	}

	@PutMapping("/api/v1/events/maintenance-windows/{id}")
	@RequiresPermission(EventPermissions.SILENCE_MANAGE)
	MaintenanceWindow updateWindow(@PathVariable UUID id, @RequestBody MaintenanceWindow.Draft draft) {
		return this.silences.saveWindow(id, draft);
	}

	@DeleteMapping("/api/v1/events/maintenance-windows/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@RequiresPermission(EventPermissions.SILENCE_MANAGE)
	void deleteWindow(@PathVariable UUID id) {
		this.silences.deleteWindow(id);
	}

}
