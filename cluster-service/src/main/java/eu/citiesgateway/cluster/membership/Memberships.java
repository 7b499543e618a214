package eu.citiesgateway.cluster.membership;

import java.util.List;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The {@code memberships} collection: one document per cluster and member, kept after the
 * member left.
 */
public interface Memberships extends MongoRepository<Membership, String> {

	List<Membership> findByClusterIdAndActiveTrue(String clusterId);

	List<Membership> findByMemberId(String memberId);

	long countByClusterIdAndActiveTrue(String clusterId);

}
