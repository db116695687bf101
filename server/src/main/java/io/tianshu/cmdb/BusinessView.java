package io.tianshu.cmdb;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The business view (业务视图) of one business system: what it is made of, layer by layer,
 * down to the racks and network devices its hosts stand in and connect to.
 *
 * @param system the business system
 * @param nodes every CI of the view with its layer
 * @param edges the relations between them
 */
public record BusinessView(CiId system, List<Node> nodes, List<TopologyGraph.Edge> edges) {

	public BusinessView {
		nodes = List.copyOf(nodes);
		edges = List.copyOf(edges);
	}

	@Schema(name = "BusinessViewNode")
	public record Node(CiId id, String model, String name, LifecycleState state, Layer layer) {
	}

	/** The layers, top to bottom, with the relations that lead into each. */
	public enum Layer {

		/** 业务系统 */
		BUSINESS_SYSTEM,
		/** 应用: business_system contains application */
		APPLICATION,
		/** 服务: application contains service */
		SERVICE,
		/** 实例: application depends_on db_instance / middleware_instance */
		INSTANCE,
		/** 主机: application or instance runs_on host */
		HOST,
		/** 机柜与网络: rack contains host, host connects_to network_device */
		INFRASTRUCTURE

	}

}
