using System.Linq.Expressions;
using System.Reflection;

namespace Trial.Runner.Running;

/// <summary>Sets a field or property named by an expression, and returns how to put the old value back.</summary>
internal static class MemberPatch
{
    internal static Action Apply<T>(Expression<Func<T>> member, T value)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (member.Body is not MemberExpression access)
        {
            throw new ArgumentException($"Patch needs a field or property, as '() => Settings.Retries', but was given '{member.Body}'.", nameof(member));
        }

        object? target = access.Expression is null ? null : Expression.Lambda<Func<object?>>(Expression.Convert(access.Expression, typeof(object))).Compile()();
        if (access.Expression is not null && target is null)
        {
            throw new ArgumentException($"Patch cannot set '{access}': the object that holds it is null.", nameof(member));
        }

        switch (access.Member)
        {
            case FieldInfo field when field.IsInitOnly || field.IsLiteral:
                throw new ArgumentException($"Patch cannot set {field.DeclaringType?.Name}.{field.Name}: it is readonly or const.", nameof(member));
            case FieldInfo field:
                object? oldField = field.GetValue(target);
                field.SetValue(target, value);
                return () => field.SetValue(target, oldField);
            case PropertyInfo property when property.SetMethod is null:
                throw new ArgumentException($"Patch cannot set {property.DeclaringType?.Name}.{property.Name}: it has no setter.", nameof(member));
            case PropertyInfo property:
                object? oldProperty = property.GetValue(target);
                property.SetValue(target, value);
                return () => property.SetValue(target, oldProperty);
            default:
                throw new ArgumentException($"Patch needs a field or property, but '{access.Member.Name}' is a {access.Member.MemberType}.", nameof(member));
        }
    }
}
